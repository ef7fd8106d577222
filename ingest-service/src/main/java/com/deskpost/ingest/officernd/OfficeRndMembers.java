package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.Refusals;
import static com.deskpost.ingest.officernd.OfficeRndWebhook.OBJECT;

import com.deskpost.events.Member;
import com.deskpost.events.MemberStatus;
import com.deskpost.ingest.directory.DirectoryEntries;
import com.deskpost.schemas.json.InvalidJsonException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OfficeRnD's member webhooks as the member directory's {@link Member}, checked by the directory import's rules.
 * {@code member.created} and {@code member.updated} carry the member as it now is; {@code member.removed} is the
 * member, {@link MemberStatus#LEFT}: they stay in the directory (mail about their past bookings still finds them)
 * but receive no member mail; a removal that does not carry the member's email and name cannot be an entry and is
 * acknowledged unmapped ({@link #lackingForRemoval}). OfficeRnD's status ({@code calculatedStatus}, the platform's
 * own reckoning, else the {@code status} the admin set) becomes the lifecycle: {@code active} is ACTIVE;
 * {@code former} LEFT; {@code contact} (a lead without a membership) SUSPENDED, so their bookings are confirmed but
 * announcements are not sent to them. The entry carries {@code external_ids {"officernd": <member id>}}.
 */
final class OfficeRndMembers {

    static final List<String> TYPES = List.of("member.created", "member.updated", "member.removed");

    private final OfficeRndIds ids;

    OfficeRndMembers(OfficeRndIds ids) {
        this.ids = ids;
    }

    Member map(OfficeRndWebhook webhook) {
        JsonNode member = webhook.object();
        boolean removed = "member.removed".equals(webhook.eventType());
        String officeRndId = Fields.text(member, OBJECT, "_id");
        Optional<String> office = Fields.optionalId(member, OBJECT, "office");
        String statusField = member.path("calculatedStatus").isString() ? "calculatedStatus" : "status";
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("member_id", ids.directoryMember(officeRndId));
        columns.put("email", Fields.text(member, OBJECT, "email"));
        columns.put("name", Fields.text(member, OBJECT, "name"));
        Fields.optionalText(member, OBJECT, "locale").ifPresent(locale -> columns.put("locale", locale));
        office.ifPresent(id -> columns.put("location_ids", ids.location(id)));
        columns.put("role", "member");
        columns.put("status", removed ? MemberStatus.LEFT.name() : status(member, statusField).name());
        String locationId = office.map(ids::location).orElse(null);
        long version = removed ? webhook.removalVersion() : webhook.changedAt().toEpochMilli();
        DirectoryEntries.Checked<Member> checked = DirectoryEntries.member(columns,
                webhook.header(version, locationId));
        if (!checked.valid()) {
            throw Refusals.refused("invalid_officernd_member", "OfficeRnD member " + officeRndId, checked.problems(),
                    column -> OBJECT + "." + switch (column) {
                        case "member_id" -> "_id";
                        case "location_ids" -> "office";
                        case "status" -> statusField;
                        default -> column;
                    });
        }
        // what lets every adapter find this member by OfficeRnD's id (VendorIndex)
        return Member.newBuilder(checked.entry()).setExternalIds(Map.of(OfficeRndIds.VENDOR, officeRndId)).build();
    }

    /**
     * For a {@code member.removed} that does not carry the member's email or name (OfficeRnD's documented example of
     * it carries little more than the id), the field it lacks: such a removal cannot become a directory entry.
     */
    static Optional<String> lackingForRemoval(OfficeRndWebhook webhook) {
        if (!"member.removed".equals(webhook.eventType())) {
            return Optional.empty();
        }
        return java.util.stream.Stream.of("email", "name")
                .filter(field -> Fields.optionalText(webhook.object(), OBJECT, field).isEmpty())
                .map(field -> OBJECT + "." + field).findFirst();
    }

    private static MemberStatus status(JsonNode member, String field) {
        Optional<String> status = Fields.optionalText(member, OBJECT, field);
        if (status.isEmpty()) {
            return MemberStatus.ACTIVE;
        }
        return switch (status.get().toLowerCase(Locale.ROOT)) {
            case "active" -> MemberStatus.ACTIVE;
            case "former" -> MemberStatus.LEFT;
            case "contact" -> MemberStatus.SUSPENDED;
            default -> throw new InvalidJsonException(OBJECT + "." + field, "\"" + status.get()
                    + "\" is not an OfficeRnD member status Deskpost knows (active, contact, former)");
        };
    }
}
