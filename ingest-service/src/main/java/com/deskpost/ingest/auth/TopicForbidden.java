package com.deskpost.ingest.auth;

/** An authenticated client publishing to a topic it is not allowed: answered 403 with the message. */
public final class TopicForbidden extends RuntimeException {

    public TopicForbidden(String message) {
        super(message);
    }
}
