package com.deskpost.oversight.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every sign-in, by the ops page's form and by HTTP Basic, passes here: a throttled account or
 * address is refused before its password is checked, a wrong password counts against both, and a
 * success clears the account's count ({@link LoginThrottle}). The counts are in PostgreSQL: while it
 * does not answer, nobody signs in (an {@link AuthenticationServiceException}, answered 503), since
 * an attempt that cannot be counted must not be checked either.
 */
final class ThrottledAuthentication implements AuthenticationManager {

    private static final Logger LOG = LoggerFactory.getLogger(ThrottledAuthentication.class);

    private final AuthenticationManager passwords;
    private final LoginThrottle throttle;

    ThrottledAuthentication(AuthenticationManager passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        try {
            return throttled(attempt);
        } catch (DataAccessException e) {
            LOG.error("Sign-in refused: the failed sign-ins cannot be read or counted", e);
            throw new AuthenticationServiceException("Sign-in cannot be checked now: the database does not answer", e);
        }
    }

    private Authentication throttled(Authentication attempt) {
        String account = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
        var refusal = throttle.refusal(account, address);
        if (refusal.isPresent()) {
            // The name is whatever the client sent: no control characters into the log.
            LOG.warn("Sign-in as {} from {} refused unchecked: too many failed sign-ins",
                    String.valueOf(account).replaceAll("\\p{Cntrl}", "?"), address);
            throw new LoginThrottled(refusal.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(account);
            return signedIn;
        } catch (BadCredentialsException wrong) {
            throttle.failed(account, address);
            throw wrong;
        }
    }
}
