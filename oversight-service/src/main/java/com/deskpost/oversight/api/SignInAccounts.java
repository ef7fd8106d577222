package com.deskpost.oversight.api;

import com.deskpost.oversight.staff.StaffAccount;
import com.deskpost.oversight.staff.StaffAccounts;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Who may sign in: the services of the configuration (agent gateways, subject-access clients), and the staff
 * accounts stored in PostgreSQL, read at each sign-in so an admin's change counts on the next request on every
 * replica. A service's id always means the service: the admin API refuses a staff account of that name.
 */
final class SignInAccounts implements UserDetailsService {

    private final InMemoryUserDetailsManager services;
    private final StaffAccounts staff;

    SignInAccounts(InMemoryUserDetailsManager services, StaffAccounts staff) {
        this.services = services;
        this.staff = staff;
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        if (services.userExists(name)) {
            return services.loadUserByUsername(name);
        }
        StaffAccount account = staff.find(name).orElseThrow(() -> new UsernameNotFoundException("No account " + name));
        return User.withUsername(account.memberId()).password(account.passwordHash()).disabled(!account.enabled())
                .roles(account.admin() ? new String[] {SecurityConfiguration.STAFF, SecurityConfiguration.ADMIN}
                        : new String[] {SecurityConfiguration.STAFF})
                .build();
    }
}
