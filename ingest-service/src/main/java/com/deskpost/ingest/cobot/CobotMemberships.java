package com.deskpost.ingest.cobot;

import static com.deskpost.ingest.cobot.CobotResource.ROOT;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Member;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.ingest.directory.DirectoryEntries;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.Refusals;
import com.deskpost.ingest.vendor.VendorWebhooks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Cobot membership ({@code confirmed_membership}, {@code created_membership}, {@code canceled_membership}, ...) as
 * the member directory's {@link Member}, checked by the directory import's rules and carrying
 * {@code external_ids {"cobot": <membership id>}}. The status is the membership's as it now is at Cobot: one whose
 * {@code canceled_to} day has passed is LEFT; one not confirmed yet (an application) SUSPENDED, so its bookings are
 * confirmed but announcements are not sent; otherwise ACTIVE. A membership with a {@code canceled_to} also becomes a
 * {@link MembershipCancelled} on facility.billing, keyed by the membership, whose last day is that day.
 */
final class CobotMemberships {

    private final CobotIds ids;

    CobotMemberships(CobotIds ids) {
        this.ids = ids;
    }

    Member member(CobotResource resource, Instant now) {
        JsonNode membership = resource.json();
        String id = resource.id();
        String location = ids.location(resource.space());
        String emailField = membership.path("email").isString() ? "email" : null;
        String email = emailField != null ? membership.path("email").stringValue()
                : Fields.text(Fields.object(membership, ROOT, "user"), ROOT + ".user", "email");
        Optional<LocalDate> canceledTo = CobotJson.optionalDay(membership, ROOT, "canceled_to");
        MemberStatus status = canceledTo.filter(day -> !day.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC)))
                .isPresent() ? MemberStatus.LEFT
                : CobotJson.optionalInstant(membership, ROOT, "confirmed_at").isEmpty() ? MemberStatus.SUSPENDED
                        : MemberStatus.ACTIVE;
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("member_id", ids.directoryMember(id));
        columns.put("email", email);
        columns.put("name", Fields.optionalText(membership.path("address"), ROOT + ".address", "name")
                .orElseGet(() -> Fields.text(membership, ROOT, "name")));
        Fields.optionalText(membership, ROOT, "language").ifPresent(locale -> columns.put("locale", locale));
        columns.put("location_ids", location);
        columns.put("role", "member");
        columns.put("status", status.name());
        DirectoryEntries.Checked<Member> checked = DirectoryEntries.member(columns, resource.header(location, now));
        if (!checked.valid()) {
            throw Refusals.refused("invalid_cobot_membership", "Cobot membership " + id, checked.problems(),
                    column -> switch (column) {
                        case "member_id" -> ROOT + ".id";
                        case "email" -> emailField != null ? ROOT + ".email" : ROOT + ".user.email";
                        case "locale" -> ROOT + ".language";
                        case "location_ids" -> resource.url().toString();
                        default -> ROOT + "." + column;
                    });
        }
        return Member.newBuilder(checked.entry()).setExternalIds(Map.of(CobotIds.VENDOR, id)).build();
    }

    /** The cancellation a membership with a {@code canceled_to} day is, else empty. */
    Optional<BillingEvent> cancellation(CobotResource resource, Member member, Instant now) {
        return CobotJson.optionalDay(resource.json(), ROOT, "canceled_to").map(lastDay -> BillingEvent.newBuilder()
                .setHeader(EventHeader.newBuilder(resource.header(ids.location(resource.space()), now))
                        .setEventId(VendorWebhooks.eventId("cobot",
                                resource.identity() + "#cancellation")).build())
                .setSubscriptionId(resource.id())
                .setMemberId(member.getMemberId())
                .setPayload(MembershipCancelled.newBuilder().setEffectiveOn(lastDay)
                        .setReason(Fields.optionalText(resource.json(), ROOT, "cancellation_reason").orElse(null))
                        .build())
                .build());
    }
}
