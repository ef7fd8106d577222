package com.deskpost.oversight.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed sign-ins an account, or a client address, may make before sign-in is refused.
 *
 * @param maxFailures failed sign-ins after which further attempts are refused
 * @param window how long failures count, and how long attempts stay refused after the last one allowed
 * @param maxTracked accounts and addresses remembered at most (the oldest are forgotten first)
 */
@ConfigurationProperties("deskpost.oversight.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
        @DefaultValue("100000") long maxTracked) {

    public LoginThrottleProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("deskpost.oversight.login-throttle.max-failures must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("deskpost.oversight.login-throttle.window must be positive");
        }
    }
}
