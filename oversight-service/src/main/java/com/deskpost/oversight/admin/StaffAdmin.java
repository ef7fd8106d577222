package com.deskpost.oversight.admin;

import com.deskpost.oversight.api.StaffProperties;
import com.deskpost.oversight.staff.StaffAccount;
import com.deskpost.oversight.staff.StaffAccounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin creates staff accounts, disables and enables them, resets their passwords and makes or unmakes admins.
 * Guard rails: there is always at least one enabled admin (the last one can be neither disabled nor demoted), and an
 * admin never removes their own admin flag nor disables themselves (someone else must, so nobody locks themselves
 * out by a slip). Passwords are stored as bcrypt hashes only; a service's id (agent gateway, subject-access client)
 * cannot be a staff member id. Every change is recorded with before and after ({@link ChangeLog}), without hashes.
 */
@Service
public class StaffAdmin {

    static final int MIN_PASSWORD = 12;
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private final StaffAccounts accounts;
    private final PasswordEncoder encoder;
    private final ChangeLog changes;
    private final TransactionTemplate tx;
    private final List<String> serviceIds;

    public StaffAdmin(StaffAccounts accounts, PasswordEncoder encoder, ChangeLog changes, TransactionTemplate tx,
            StaffProperties configured) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.changes = changes;
        this.tx = tx;
        this.serviceIds = Stream.concat(configured.agentGateways().stream().map(StaffProperties.Gateway::id),
                configured.subjectAccessClients().stream().map(StaffProperties.SubjectAccessClient::id)).toList();
    }

    public List<StaffAccount> accounts() {
        return accounts.all();
    }

    public StaffAccount create(String admin, String memberId, String name, String password, boolean makeAdmin) {
        if (memberId == null || !MEMBER_ID.matcher(memberId).matches() || serviceIds.contains(memberId)) {
            throw AdminRefusal.invalid("invalid_member_id", "A member id is 1 to 100 letters, digits, '.', '_', '@' "
                    + "or '-', starting with a letter or digit, and not the id of an agent gateway or subject-access "
                    + "client; got '" + memberId + "'");
        }
        StaffAccount account = new StaffAccount(memberId, name == null || name.isBlank() ? memberId : name.strip(),
                hash(password), makeAdmin, true);
        tx.executeWithoutResult(status -> {
            if (!accounts.addIfAbsent(account)) {
                throw AdminRefusal.conflict("account_exists", "A staff account " + memberId + " already exists: "
                        + "change it instead (enable, reset password, admin).");
            }
            changes.record(admin, "staff." + memberId, admin + " created the staff account " + memberId
                    + (makeAdmin ? " (admin)" : ""), null, view(account), null);
        });
        return account;
    }

    public StaffAccount setEnabled(String admin, String memberId, boolean enabled) {
        return change(admin, memberId, (enabled ? "enabled" : "disabled") + " the staff account " + memberId,
                account -> new StaffAccount(memberId, account.name(), account.passwordHash(), account.admin(), enabled));
    }

    public StaffAccount setAdmin(String admin, String memberId, boolean makeAdmin) {
        return change(admin, memberId, (makeAdmin ? "made " + memberId + " an admin" : "removed the admin role of "
                + memberId), account -> new StaffAccount(memberId, account.name(), account.passwordHash(), makeAdmin,
                account.enabled()));
    }

    public StaffAccount resetPassword(String admin, String memberId, String password) {
        String hash = hash(password);
        return change(admin, memberId, "reset the password of " + memberId,
                account -> new StaffAccount(memberId, account.name(), hash, account.admin(), account.enabled()));
    }

    private StaffAccount change(String admin, String memberId, String words, UnaryOperator<StaffAccount> edit) {
        return tx.execute(status -> {
            List<String> admins = accounts.lockEnabledAdmins();
            StaffAccount before = accounts.find(memberId).orElseThrow(() -> AdminRefusal.notFound("unknown_account",
                    "No staff account " + memberId + ": create it first."));
            StaffAccount after = edit.apply(before);
            boolean losesAdmin = before.admin() && before.enabled() && !(after.admin() && after.enabled());
            if (losesAdmin && admins.equals(List.of(memberId))) {
                throw AdminRefusal.conflict("last_admin", memberId + " is the last admin: make another staff member "
                        + "an admin first, so someone can still manage policy and accounts.");
            }
            if (losesAdmin && memberId.equals(admin)) {
                throw AdminRefusal.conflict("own_admin_flag", "You cannot remove your own admin role nor disable "
                        + "yourself: ask another admin.");
            }
            accounts.update(after);
            changes.record(admin, "staff." + memberId, admin + " " + words, view(before), view(after), null);
            return after;
        });
    }

    private String hash(String password) {
        if (password == null || password.strip().length() < MIN_PASSWORD) {
            throw AdminRefusal.invalid("weak_password", "A password needs at least " + MIN_PASSWORD + " characters.");
        }
        return encoder.encode(password);
    }

    /** An account as the audit and the history show it: never the password's hash. */
    private static Map<String, Object> view(StaffAccount account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("memberId", account.memberId());
        view.put("name", account.name());
        view.put("admin", account.admin());
        view.put("enabled", account.enabled());
        return view;
    }
}
