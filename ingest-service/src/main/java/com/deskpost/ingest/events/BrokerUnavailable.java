package com.deskpost.ingest.events;

/** The event could not be written now (broker or registry unreachable): answered 503, the caller retries. */
public final class BrokerUnavailable extends RuntimeException {

    public BrokerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
