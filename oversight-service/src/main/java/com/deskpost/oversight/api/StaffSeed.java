package com.deskpost.oversight.api;

import com.deskpost.oversight.staff.StaffAccount;
import com.deskpost.oversight.staff.StaffAccounts;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configured staff accounts ({@code deskpost.oversight.staff}) seed the stored ones at start-up: an account whose
 * member id is not stored yet is added; a stored one is left as it is (an admin may have reset its password, disabled
 * it or changed its role since), so editing the configuration later adds accounts but changes none. A development
 * {@code {noop}} password is stored as its bcrypt hash: no clear password is ever stored.
 */
final class StaffSeed {

    private static final Logger log = LoggerFactory.getLogger(StaffSeed.class);

    private StaffSeed() {
    }

    static void seed(List<StaffProperties.Account> configured, StaffAccounts accounts, PasswordEncoder encoder,
            TransactionTemplate tx) {
        List<String> added = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            for (StaffProperties.Account account : configured) {
                if (accounts.find(account.memberId()).isPresent()) {
                    kept.add(account.memberId());
                } else if (accounts.addIfAbsent(new StaffAccount(account.memberId(),
                        account.name() == null ? account.memberId() : account.name(), hash(account.password(), encoder),
                        account.admin(), true))) {
                    added.add(account.memberId());
                }
            }
        });
        if (!added.isEmpty()) {
            log.info("Staff accounts stored from deskpost.oversight.staff: {}", added);
        }
        if (!kept.isEmpty()) {
            log.info("Staff accounts already stored, not changed by the configuration (manage them at /ops/admin): {}",
                    kept);
        }
    }

    private static String hash(String configured, PasswordEncoder encoder) {
        String value = configured.strip();
        // StoredPasswords has already refused {noop} outside the development profile.
        return value.startsWith("{noop}") ? encoder.encode(value.substring("{noop}".length())) : value;
    }
}
