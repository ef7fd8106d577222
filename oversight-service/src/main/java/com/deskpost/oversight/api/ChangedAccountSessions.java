package com.deskpost.oversight.api;

import com.deskpost.oversight.staff.StaffAccount;
import com.deskpost.oversight.staff.StaffAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An ops-page session outlives its sign-in, so each request checks the stored account it was opened for (one query by
 * primary key): once an admin disabled the account, or gave or took its admin role, the session ends and the member
 * is sent to sign in again, with the account as it is now. The API needs no such check: it signs in on every request.
 */
final class ChangedAccountSessions extends OncePerRequestFilter {

    private static final String STAFF_ROLE = "ROLE_" + SecurityConfiguration.STAFF;
    private static final String ADMIN_ROLE = "ROLE_" + SecurityConfiguration.ADMIN;

    private final StaffAccounts accounts;

    ChangedAccountSessions(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)
                && has(signedIn, STAFF_ROLE) && changed(signedIn, accounts.find(signedIn.getName()))) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/ops/login?accountChanged");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean changed(Authentication signedIn, Optional<StaffAccount> now) {
        return now.map(account -> !account.enabled() || account.admin() != has(signedIn, ADMIN_ROLE)).orElse(true);
    }

    private static boolean has(Authentication signedIn, String role) {
        return signedIn.getAuthorities().stream().anyMatch(authority -> role.equals(authority.getAuthority()));
    }
}
