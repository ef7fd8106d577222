package com.deskpost.platform.streams;

/**
 * An event that is well-formed but cannot be processed (an unknown member or location, a
 * credential sent to someone outside its scope...). It is dead-lettered with this message as
 * the reason; the consumer carries on.
 */
public class RejectedEvent extends RuntimeException {

    public RejectedEvent(String reason) {
        super(reason);
    }
}
