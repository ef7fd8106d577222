package com.deskpost.community;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;

import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EventHeader;
import com.deskpost.events.InboundChannel;
import com.deskpost.events.InboundEmail;
import com.deskpost.events.InquiryKind;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.schemas.ContractClasses;
import com.deskpost.testfixtures.Headers;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Directory entries and community events for tests: small builders with the defaults spelled once. */
public final class Facility {

    static {
        ContractClasses.trust();
    }

    public static final Instant NOW = Instant.parse("2026-04-20T09:30:00Z");

    private Facility() {
    }

    public static EventHeader header(String eventId, long version, String locationId) {
        return Headers.header(eventId, version, locationId, NOW);
    }

    public static Location location(String id, String jurisdiction, String locale) {
        return aLocation(id).header(header("l-" + id, 1, id)).address("1 Market Street", "City", "10001", "DE")
                .timeZone("Europe/Berlin").jurisdiction(jurisdiction).mailboxesAt(id.toLowerCase() + ".example")
                .approvers().defaultLocale(locale).build();
    }

    public static Member.Builder member(String id, String locationId) {
        return Member.newBuilder(aMember(id).header(header("m-" + id, 1, locationId)).locale("en-GB").at(locationId)
                .build());
    }

    public static CommunityEvent announcement(String id, long version, List<String> locations, List<String> tags) {
        return CommunityEvent.newBuilder()
                .setHeader(header("a-" + id + "-v" + version, version, null))
                .setPayload(AnnouncementRequested.newBuilder().setAnnouncementId(id).setLocationIds(locations)
                        .setMemberTags(tags).setKind(AnnouncementKind.COMMUNITY)
                        .setSubject("Summer party on the roof terrace")
                        .setBodyText("Join us on Friday at 18:00 <for drinks> & music.\n\nBring a friend.")
                        .setRequestedBy("M-STAFF").build())
                .build();
    }

    public static CommunityEvent inquiry(String id, String locationId, String messageId) {
        return CommunityEvent.newBuilder()
                .setHeader(header("i-" + id, 1, locationId))
                .setPayload(InquiryReceived.newBuilder().setInquiryId(id).setKind(InquiryKind.TOUR)
                        .setName("Grace Prospect").setEmail("grace@prospect.example")
                        .setMessage("Could I see the space next week?\nThanks, Grace")
                        .setPreferredDate(LocalDate.parse("2026-04-28"))
                        .setMessageId(messageId).build())
                .build();
    }

    public static InboundEmail.Builder inbound(String messageId, String from, String to, String subject, String body) {
        return InboundEmail.newBuilder().setMessageId(messageId).setReceivedAt(NOW).setFromAddress(from)
                .setTo(List.of(to)).setSubject(subject).setBodyText(body).setChannel(InboundChannel.WEBHOOK);
    }

    public static ConsentChange consent(String email, String tag) {
        return ConsentChange.newBuilder().setEmail(email).setTag(tag).setAction(ConsentAction.ADDED)
                .setSource("test").setChangedAt(NOW.minusSeconds(60)).build();
    }
}
