package com.deskpost.oversight.api;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused, unchecked, because of earlier failures for the account or from the address. */
class LoginThrottled extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottled(Duration retryAfter) {
        super("Too many failed sign-ins for this account or from this address");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until attempts are allowed again, at least one. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
