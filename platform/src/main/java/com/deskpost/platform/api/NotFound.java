package com.deskpost.platform.api;

/** The resource a request names does not exist (HTTP 404); the message says how to find the right one. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
