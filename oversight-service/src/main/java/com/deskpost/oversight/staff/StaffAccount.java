package com.deskpost.oversight.staff;

/**
 * A staff member who may sign in to the ops page and the staff API: their member id is their user name (the id the
 * approvers lists use). The password is only ever held as a Spring-encoded slow hash; a disabled account cannot sign
 * in; an admin also manages the policy, approvers and staff accounts.
 */
public record StaffAccount(String memberId, String name, String passwordHash, boolean admin, boolean enabled) {

    @Override
    public String toString() {
        // Never the hash, not even in a log line.
        return "StaffAccount[" + memberId + ", " + name + ", admin=" + admin + ", enabled=" + enabled + "]";
    }
}
