package com.deskpost.oversight.api;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Staff accounts that may sign in to the ops page and the decision API. Which locations each may
 * decide for comes from the location directory's approvers, not from here.
 *
 * @param staff accounts; {@code password} is Spring-encoded ({bcrypt}..., or {noop}... for development)
 */
@ConfigurationProperties("deskpost.oversight")
public record StaffProperties(List<Account> staff) {

    public StaffProperties {
        staff = staff == null ? List.of() : List.copyOf(staff);
    }

    /** One staff member: their member id is their user name. */
    public record Account(String memberId, String password, String name) {
    }
}
