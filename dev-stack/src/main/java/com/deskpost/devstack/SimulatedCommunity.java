package com.deskpost.devstack;

import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.InquiryKind;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.consent.ConsentTag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The community team's and the website's side of the simulation: now and then an announcement to
 * every location (community news or an offer), more often a tour or membership inquiry from the
 * website form. Every second member opted in to news when signing up, so announcements show the
 * consent rule at work: EU and UK members without an opt-in get none.
 */
final class SimulatedCommunity {

    /** A facility.community record: its key and value. */
    record Published(String key, CommunityEvent event) {
    }

    private static final List<String> PROSPECTS = List.of("Mary Jackson", "Dorothy Vaughan", "Annie Easley",
            "John Backus", "Jean Sammet", "Ken Thompson");

    private final Random random;
    private int announcements;
    private int inquiries;

    SimulatedCommunity(Random random) {
        this.random = random;
    }

    /** The GDPR opt-ins members gave when signing up: every second member. */
    List<ConsentChange> optIns(List<Member> members) {
        List<ConsentChange> changes = new ArrayList<>();
        for (int i = 0; i < members.size(); i += 2) {
            changes.add(ConsentChange.newBuilder().setEmail(members.get(i).getEmail()).setTag(ConsentTag.OPT_IN)
                    .setAction(ConsentAction.ADDED).setSource("sign-up-form").setChangedAt(Instant.now()).build());
        }
        return changes;
    }

    /** What the community team or the website publishes on this tick, if anything. */
    Optional<Published> next(int tick, List<Location> locations) {
        if (tick % 25 == 12) {
            return Optional.of(announcement(locations));
        }
        if (tick % 9 == 4) {
            return Optional.of(inquiry(locations.get(random.nextInt(locations.size()))));
        }
        return Optional.empty();
    }

    private Published announcement(List<Location> locations) {
        String id = "AN-" + (100 + ++announcements);
        boolean community = announcements % 2 == 1;
        AnnouncementRequested announcement = AnnouncementRequested.newBuilder()
                .setAnnouncementId(id)
                .setLocationIds(locations.stream().map(Location::getLocationId).toList())
                .setKind(community ? AnnouncementKind.COMMUNITY : AnnouncementKind.PROMOTIONAL)
                .setSubject(community ? "Members' breakfast on Friday" : "Bring a friend: a free day pass")
                .setBodyText(community
                        ? "Join us on Friday from 8:30 for coffee, pastries and a chat with your fellow members."
                        : "This month every member may bring a friend for a free day at the desk next to theirs.\n\n"
                                + "Just tell the front desk when you arrive.")
                .setRequestedBy("community-team")
                .build();
        return new Published(id, CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(null, 1, Instant.now())).setPayload(announcement).build());
    }

    private Published inquiry(Location location) {
        String id = "IQ-" + (100 + ++inquiries);
        String name = PROSPECTS.get(random.nextInt(PROSPECTS.size()));
        boolean tour = random.nextBoolean();
        InquiryReceived inquiry = InquiryReceived.newBuilder()
                .setInquiryId(id)
                .setKind(tour ? InquiryKind.TOUR : InquiryKind.MEMBERSHIP)
                .setName(name)
                .setEmail(name.toLowerCase().replace(' ', '.') + "@prospects.example")
                .setMessage(tour ? "Could I come and see the space? I work remotely for a design studio."
                        : "What does a fixed desk cost per month, and is there a minimum term?")
                .setPreferredDate(tour ? LocalDate.now().plusDays(2 + random.nextInt(5)) : null)
                .build();
        return new Published(id, CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(location.getLocationId(), 1, Instant.now())).setPayload(inquiry)
                .build());
    }
}
