package com.deskpost.ingest.auth;

/** No credentials, or credentials that do not hold: answered 401 with the message. */
public final class AuthenticationFailed extends RuntimeException {

    public AuthenticationFailed(String message) {
        super(message);
    }
}
