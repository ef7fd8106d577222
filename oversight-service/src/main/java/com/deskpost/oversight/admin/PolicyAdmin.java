package com.deskpost.oversight.admin;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.policy.PolicySettings;
import com.deskpost.oversight.policy.StoredPolicy;
import com.deskpost.oversight.staff.ApproverOverrides;
import com.deskpost.oversight.staff.StaffDirectory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin changes the oversight policy (default mode, mailbox modes per location, floors per event type) and the
 * approvers of a location. Each change is checked (a known location, a well-formed event type and member ids),
 * stored and recorded in one transaction ({@link ChangeLog}), and applies to the next draft on every replica. Only an
 * admin lowers a floor: drafts can only ask for stricter ({@link OversightPolicy}).
 */
@Service
public class PolicyAdmin {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}");

    private final StoredPolicy policy;
    private final StaffDirectory directory;
    private final ApproverOverrides approvers;
    private final ChangeLog changes;
    private final TransactionTemplate tx;

    public PolicyAdmin(StoredPolicy policy, StaffDirectory directory, ApproverOverrides approvers, ChangeLog changes,
            TransactionTemplate tx) {
        this.policy = policy;
        this.directory = directory;
        this.approvers = approvers;
        this.changes = changes;
        this.tx = tx;
    }

    public PolicySettings policy() {
        return policy.load();
    }

    /** Replaces the whole policy (the API's PUT); modes already parsed, locations and event types checked here. */
    public PolicySettings replace(String admin, PolicySettings after) {
        after.mailboxModes().keySet().forEach(this::knownLocation);
        after.eventTypeFloors().keySet().forEach(eventType -> {
            if (!name("event type", eventType).equals(eventType)) {
                throw AdminRefusal.invalid("invalid_name", "Event type '" + eventType + "' has spaces around it");
            }
        });
        return change(admin, "policy", "the oversight policy", current -> after, null);
    }

    public PolicySettings setDefaultMode(String admin, OversightMode mode) {
        return change(admin, "default_mode", "the default mailbox mode to " + OversightPolicy.name(mode),
                current -> current.withDefaultMode(mode), null);
    }

    /** Sets a location mailbox's mode, or (null) returns it to the default mode. */
    public PolicySettings setMailboxMode(String admin, String locationId, OversightMode mode) {
        knownLocation(locationId);
        return change(admin, "mailbox_modes." + locationId, mode == null ? "the mailbox mode of " + locationId
                        + " back to the default" : "the mailbox mode of " + locationId + " to " + OversightPolicy.name(mode),
                current -> current.withMailboxMode(locationId, mode), locationId);
    }

    /** Sets an event type's floor, or (null) removes it. */
    public PolicySettings setFloor(String admin, String eventTypeAsGiven, OversightMode mode) {
        String eventType = name("event type", eventTypeAsGiven);
        return change(admin, "event_type_floors." + eventType, mode == null ? "removed the floor for " + eventType
                        : "the floor for " + eventType + " to " + OversightPolicy.name(mode),
                current -> current.withFloor(eventType, mode), null);
    }

    public List<StaffDirectory.LocationApprovers> approvers() {
        return directory.all();
    }

    /** Sets who approves this location, replacing the directory's list; {@code null} returns to the directory's. */
    public StaffDirectory.LocationApprovers setApprovers(String admin, String locationId, List<String> members) {
        knownLocation(locationId);
        List<String> after = members == null ? null : checked(members);
        tx.executeWithoutResult(status -> {
            StaffDirectory.LocationApprovers before = entry(locationId);
            if (after == null) {
                approvers.clear(locationId);
            } else {
                approvers.set(locationId, after);
            }
            StaffDirectory.LocationApprovers now = entry(locationId);
            changes.record(admin, "approvers." + locationId, admin + " set the approvers of " + locationId + " to "
                    + (after == null ? "the location directory's list " + now.effective() : after)
                    + " (were " + before.effective() + ")", before, now, locationId);
        });
        return entry(locationId);
    }

    private PolicySettings change(String admin, String what, String words, UnaryOperator<PolicySettings> edit,
            String locationId) {
        return tx.execute(status -> {
            policy.lock();
            PolicySettings before = policy.load();
            PolicySettings after = edit.apply(before);
            policy.save(after);
            changes.record(admin, what, admin + " changed " + words, before.describe(), after.describe(), locationId);
            return after;
        });
    }

    private StaffDirectory.LocationApprovers entry(String locationId) {
        return directory.all().stream().filter(entry -> entry.locationId().equals(locationId)).findFirst()
                .orElseThrow(() -> unknownLocation(locationId));
    }

    private void knownLocation(String locationId) {
        if (locationId == null || directory.location(locationId).isEmpty()) {
            throw unknownLocation(locationId);
        }
    }

    private static AdminRefusal unknownLocation(String locationId) {
        return AdminRefusal.invalid("unknown_location", "No location '" + locationId + "' in the location directory "
                + "(facility.locations): use a location id the directory knows.");
    }

    private static List<String> checked(List<String> members) {
        if (members.isEmpty()) {
            throw AdminRefusal.invalid("no_approvers", "A location needs at least one approver. To use the location "
                    + "directory's list again, remove the override instead.");
        }
        return List.copyOf(new LinkedHashSet<>(members.stream().map(member -> name("approver", member)).toList()));
    }

    private static String name(String what, String value) {
        if (value == null || !NAME.matcher(value.strip()).matches()) {
            throw AdminRefusal.invalid("invalid_name", "An " + what + " is 1 to 100 letters, digits, '.', '_', ':', "
                    + "'@' or '-', starting with a letter or digit; got '" + value + "'");
        }
        return value.strip();
    }
}
