package com.deskpost.oversight.staff;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The staff accounts in PostgreSQL, read at every sign-in by every replica, so a created, disabled or promoted
 * account counts on the next request everywhere. Writes run inside the caller's transaction.
 */
@Component
public class StaffAccounts {

    private static final RowMapper<StaffAccount> ACCOUNT = (rs, row) -> new StaffAccount(rs.getString("member_id"),
            rs.getString("name"), rs.getString("password_hash"), rs.getBoolean("admin"), rs.getBoolean("enabled"));

    private final JdbcTemplate jdbc;

    public StaffAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StaffAccount> find(String memberId) {
        return jdbc.query("select * from staff_accounts where member_id = ?", ACCOUNT, memberId).stream().findFirst();
    }

    public List<StaffAccount> all() {
        return jdbc.query("select * from staff_accounts order by member_id", ACCOUNT);
    }

    /** @return whether it was added: false when an account with its member id is already stored */
    public boolean addIfAbsent(StaffAccount account) {
        return jdbc.update("""
                insert into staff_accounts (member_id, name, password_hash, admin, enabled) values (?, ?, ?, ?, ?)
                on conflict (member_id) do nothing""", account.memberId(), account.name(), account.passwordHash(),
                account.admin(), account.enabled()) == 1;
    }

    /** Replaces the stored account of its member id (name, hash, flags). */
    public void update(StaffAccount account) {
        jdbc.update("""
                update staff_accounts set name = ?, password_hash = ?, admin = ?, enabled = ?, changed_at = now()
                 where member_id = ?""", account.name(), account.passwordHash(), account.admin(), account.enabled(),
                account.memberId());
    }

    /**
     * The enabled admins, their rows locked until the transaction ends: two admins demoting each other at once are
     * serialised, so the second sees the first's change and the last admin is never removed.
     */
    public List<String> lockEnabledAdmins() {
        return jdbc.queryForList("select member_id from staff_accounts where admin and enabled order by member_id "
                + "for update", String.class);
    }
}
