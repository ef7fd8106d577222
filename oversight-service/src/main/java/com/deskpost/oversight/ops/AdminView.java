package com.deskpost.oversight.ops;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.admin.ChangeLog;
import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.policy.PolicySettings;
import com.deskpost.oversight.staff.StaffAccount;
import com.deskpost.oversight.staff.StaffDirectory.LocationApprovers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the admin page shows, as the template reads it: flat rows, modes in lower case, lists joined in words. */
final class AdminView {

    record Mode(String name, boolean selected) {
    }

    record Row(String key, String mode) {
    }

    record Approvers(String locationId, String directory, String override, boolean overridden, String effective) {
    }

    record Account(String memberId, String name, boolean admin, boolean enabled, boolean self) {
    }

    record Change(String changedAt, String actor, String detail, String before, String after) {
    }

    private AdminView() {
    }

    static Map<String, Object> model(String member, PolicySettings policy, List<LocationApprovers> approvers,
            List<StaffAccount> accounts, List<ChangeLog.Change> changes) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Admin");
        model.put("member", member);
        model.put("defaultModes", modes(policy.defaultMode()));
        model.put("modes", modes(null));
        model.put("mailboxModes", rows(policy.mailboxModes()));
        model.put("floors", rows(policy.eventTypeFloors()));
        model.put("locations", approvers.stream().map(LocationApprovers::locationId).toList());
        model.put("approvers", approvers.stream().map(entry -> new Approvers(entry.locationId(),
                words(entry.directory()), entry.override() == null ? "" : words(entry.override()),
                entry.override() != null, words(entry.effective()))).toList());
        model.put("accounts", accounts.stream().map(account -> new Account(account.memberId(), account.name(),
                account.admin(), account.enabled(), account.memberId().equals(member))).toList());
        model.put("changes", changes.stream().map(change -> new Change(change.changedAt().toString(), change.actor(),
                change.detail(), change.before(), change.after())).toList());
        return model;
    }

    private static List<Mode> modes(OversightMode selected) {
        return Arrays.stream(OversightMode.values()).map(mode -> new Mode(OversightPolicy.name(mode), mode == selected))
                .toList();
    }

    private static List<Row> rows(Map<String, OversightMode> modes) {
        return modes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new Row(entry.getKey(), OversightPolicy.name(entry.getValue()))).toList();
    }

    private static String words(List<String> members) {
        return members.isEmpty() ? "nobody" : String.join(", ", members);
    }
}
