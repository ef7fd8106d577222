package com.deskpost.ingest.nexudus;

import com.deskpost.events.Member;
import com.deskpost.events.MemberStatus;
import com.deskpost.ingest.directory.DirectoryEntries;
import com.deskpost.ingest.vendor.Refusals;
import com.deskpost.ingest.vendor.VendorIndex;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nexudus's coworker (customer) webhooks as the member directory's {@link Member}, checked by the directory import's
 * rules, with {@code external_ids {"nexudus": <coworker Id>}} so every Nexudus event about the coworker finds them.
 * {@code CoworkerCreate} and {@code CoworkerUpdate} carry the coworker as they now are: ACTIVE, or LEFT once Nexudus
 * marks them not {@code Active}; {@code CoworkerDelete} is the coworker, LEFT: they stay in the directory (mail about
 * their past bookings still finds them) but receive no member mail.
 *
 * <p>The member id is the one the directory already gives the coworker (by Nexudus id, else by email, so a member
 * imported before Nexudus was connected keeps their id and gains the Nexudus id), else
 * {@code member-id-prefix + Id}. The location is the business the webhook's URL names. The ids other vendors put on
 * the member's entry are kept.
 */
final class NexudusCoworkers {

    static final List<String> ACTIONS = List.of("CoworkerCreate", "CoworkerUpdate", "CoworkerDelete");

    private final NexudusProperties properties;
    private final VendorIndex index;

    NexudusCoworkers(NexudusProperties properties, VendorIndex index) {
        this.properties = properties;
        this.index = index;
    }

    Member map(NexudusWebhook webhook, String locationId) {
        String coworker = webhook.id("Id");
        String email = webhook.text("Email");
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("member_id", index.member("nexudus", coworker, email, properties.memberIdPrefix()));
        columns.put("email", email);
        columns.put("name", webhook.text("FullName"));
        columns.put("location_ids", locationId);
        columns.put("role", "member");
        boolean active = !webhook.deletion() && webhook.record().path("Active").asBoolean(true);
        columns.put("status", (active ? MemberStatus.ACTIVE : MemberStatus.LEFT).name());
        DirectoryEntries.Checked<Member> checked = DirectoryEntries.member(columns, webhook.header(locationId));
        if (!checked.valid()) {
            throw Refusals.refused("invalid_nexudus_coworker", "Nexudus coworker " + coworker, checked.problems(),
                    column -> NexudusWebhook.RECORD + "." + switch (column) {
                        case "member_id" -> "Id";
                        case "email" -> "Email";
                        case "name" -> "FullName";
                        case "status" -> "Active";
                        default -> column;
                    });
        }
        // Another vendor's id on the same member (an OfficeRnD sync, an import) stays: each sync adds its own
        Map<String, String> externalIds = new HashMap<>(index.memberExternalIds(checked.entry().getMemberId()));
        externalIds.put("nexudus", coworker);
        return Member.newBuilder(checked.entry()).setExternalIds(externalIds).build();
    }
}
