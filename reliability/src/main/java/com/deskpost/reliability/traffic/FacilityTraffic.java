package com.deskpost.reliability.traffic;

import com.deskpost.devstack.SampleFacility;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.InquiryKind;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.Location;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.Member;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.events.ResourceKind;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Facility events across every domain, as the facility systems would send them: per 100 events, 62
 * new bookings, 15 billing events (renewal notices, payments, declined cards), 20 access events (door
 * codes, keycards, visitors, after-hours entries) and 3 website inquiries, which {@code gated_all}
 * holds for a person; every 2,000th event the community team announces something to every location.
 * A booking's mails are known in advance: the member's confirmation and the staff's monitored copy,
 * their Message-IDs derived from the event id as delivery derives them.
 */
public final class FacilityTraffic {

    private static final BookedResource DESK = SampleFacility.room("D-14", "Hot desk 14", ResourceKind.DESK);

    private final FacilityProducer producer;
    private final Random random;
    private final List<Location> locations = SampleFacility.locations();
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Member> keyholders = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    /** Message-ID → when its booking event was handed to the producer (epoch milliseconds). */
    private final Map<String, Long> expectedBookingMail = new ConcurrentHashMap<>();
    private final Set<String> gatedRecipients = ConcurrentHashMap.newKeySet();
    private int sequence;
    private final String runId;

    public FacilityTraffic(FacilityProducer producer, long seed, String runId) {
        this.producer = producer;
        this.random = new Random(seed);
        this.runId = runId;
    }

    /** Locations, 200 members (every second opted in to news), one keyholder per location. */
    public void seedDirectory(int memberCount) {
        for (Location location : locations) {
            producer.publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        for (int i = 0; i < memberCount; i++) {
            Location home = locations.get(i % locations.size());
            String locale = home.getJurisdiction().equals("EU") ? "de-DE"
                    : home.getJurisdiction().equals("UK") ? "en-GB" : "en-US";
            Member member = SampleFacility.member("R-" + i, "Reliability Member " + i, "member" + i + "@reliability.example",
                    locale, home.getLocationId());
            members.add(member);
            producer.publish(Topics.FACILITY_MEMBERS, member.getMemberId(), member);
            if (i % 2 == 0) {
                producer.publish(Topics.MAIL_CONSENT, member.getEmail(), ConsentChange.newBuilder()
                        .setEmail(member.getEmail()).setTag(ConsentTag.OPT_IN).setAction(ConsentAction.ADDED)
                        .setSource("sign-up-form").setChangedAt(Instant.now()).build());
            }
        }
        for (Location location : locations) {
            Member keyholder = SampleFacility.staff("RS-" + location.getLocationId(), "Keyholder " + location.getName(),
                    "keyholder@" + location.getLocationId().toLowerCase() + ".reliability.example",
                    location.getLocationId());
            keyholders.put(location.getLocationId(), keyholder);
            producer.publish(Topics.FACILITY_MEMBERS, keyholder.getMemberId(), keyholder);
        }
        producer.flush();
    }

    /** One master keycode reset per location: held for approval ({@code gated_send}), never superseded here. */
    public void masterKeycodeResets() {
        for (Location location : locations) {
            Member keyholder = keyholders.get(location.getLocationId());
            producer.publish(Topics.FACILITY_ACCESS, keyholder.getMemberId(), SampleFacility.access(
                    keyholder.getMemberId(), location.getLocationId(), version("master:" + location.getLocationId()),
                    MasterKeycodeReset.newBuilder().setNewKeycode(code()).setResetBy(keyholder.getMemberId())
                            .setEffectiveFrom(Instant.now().plus(Duration.ofHours(1))).build()));
            gatedRecipients.add(DraftIds.normaliseEmail(keyholder.getEmail()));
            sequence++;
            count("access-master-keycode-reset (gated)");
        }
    }

    /** Publishes the next event of the mix. */
    public void next() {
        int slot = sequence++ % 100;
        if (sequence % 2_000 == 1_000) {
            announcement();
        } else if (slot < 62) {
            booking();
        } else if (slot < 77) {
            billing();
        } else if (slot < 97) {
            access();
        } else {
            inquiry();
        }
    }

    /** Only new bookings: two known mails each. */
    public void bookings(int count) {
        for (int i = 0; i < count; i++) {
            sequence++;
            booking();
        }
        producer.flush();
    }

    public int published() {
        return sequence;
    }

    /** Events published, by kind. */
    public Map<String, Integer> counts() {
        return new java.util.TreeMap<>(counts);
    }

    /** Message-IDs (without angle brackets) of every booking's confirmation and staff copy. */
    public Set<String> expectedBookingMail() {
        return Set.copyOf(expectedBookingMail.keySet());
    }

    /** The same mails, each with when its booking event was published (epoch milliseconds). */
    public Map<String, Long> bookingMailPublishedAt() {
        return Map.copyOf(expectedBookingMail);
    }

    /** Inquiries published: each one's reply is held for a person (gated_all). */
    public int gatedEvents() {
        return counts.getOrDefault("community-inquiry (gated)", 0) + counts.getOrDefault("access-master-keycode-reset (gated)", 0);
    }

    /** Who the held drafts are to: each inquirer (one address per inquiry) and each keyholder. */
    public Set<String> gatedRecipients() {
        return Set.copyOf(gatedRecipients);
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    private void booking() {
        Member member = member();
        String location = member.getLocationIds().get(0);
        String bookingId = "REL-" + runId + "-" + sequence;
        Instant start = Instant.now().plus(2 + random.nextInt(5), ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        BookingEvent event = SampleFacility.created(bookingId, member.getMemberId(), location, DESK, start,
                start.plus(2, ChronoUnit.HOURS));
        String draftId = DraftIds.draftId(event.getHeader().getEventId(), "booking-confirmation", member.getEmail());
        String domain = location.toLowerCase() + ".deskpost.example";
        long now = System.currentTimeMillis();
        expectedBookingMail.put(draftId + "@" + domain, now);
        expectedBookingMail.put(draftId + ".copy@" + domain, now);
        producer.publish(Topics.FACILITY_BOOKINGS, bookingId, event);
        count("booking-created");
    }

    private void billing() {
        Member member = member();
        String subscription = "RS-" + runId + "-" + member.getMemberId();
        long version = version(subscription);
        LocalDate start = LocalDate.now().withDayOfMonth(1).plusMonths(version);
        Money fee = Money.newBuilder().setAmountMinor(29_900).setCurrency(switch (member.getLocale()) {
            case "de-DE" -> "EUR";
            case "en-GB" -> "GBP";
            default -> "USD";
        }).build();
        Object payload;
        String kind;
        if (version % 2 == 1) {
            payload = RenewalUpcoming.newBuilder().setPlanName("Hot desk, monthly").setAmount(fee).setPeriodStart(start)
                    .setPeriodEnd(start.plusMonths(1).minusDays(1)).build();
            kind = "billing-renewal-upcoming";
        } else if (random.nextInt(4) == 0) {
            payload = PaymentFailed.newBuilder().setPaymentId("P-" + subscription + "-" + version).setAmount(fee)
                    .setFailedAt(Instant.now()).setFailureReason("card_declined").setPeriodStart(start).build();
            kind = "billing-payment-failed";
        } else {
            payload = PaymentSucceeded.newBuilder().setPaymentId("P-" + subscription + "-" + version).setAmount(fee)
                    .setPaidAt(Instant.now()).setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1))
                    .setMethod("Visa ending 4242").build();
            kind = "billing-payment-succeeded";
        }
        producer.publish(Topics.FACILITY_BILLING, subscription, BillingEvent.newBuilder()
                .setHeader(SampleFacility.header(member.getLocationIds().get(0), version, Instant.now()))
                .setSubscriptionId(subscription).setMemberId(member.getMemberId()).setPayload(payload).build());
        count(kind);
    }

    private void access() {
        Member member = member();
        String location = member.getLocationIds().get(0);
        Instant now = Instant.now();
        int pick = random.nextInt(10);
        Object payload;
        long version = 1;
        String kind;
        if (pick <= 2) {
            String door = "D-" + location + "-MAIN";
            version = version(door + member.getMemberId());
            payload = DoorCodeChanged.newBuilder().setDoorId(door).setDoorName("Main entrance").setNewCode(code())
                    .setEffectiveFrom(now.plus(Duration.ofMinutes(30))).build();
            kind = "access-door-code-changed";
        } else if (pick <= 5) {
            version = version("card:" + member.getMemberId());
            payload = KeycardProvisioned.newBuilder().setKeycardId("KC-" + runId + "-" + member.getMemberId() + "-" + version)
                    .setValidFrom(now).setZones(List.of("main-entrance", "floor-2")).build();
            kind = "access-keycard-provisioned";
        } else if (pick <= 7) {
            payload = VisitorPreAuthorized.newBuilder().setVisitorName("Guest of " + member.getName())
                    .setValidFrom(now.plus(Duration.ofHours(2))).setValidUntil(now.plus(Duration.ofHours(6)))
                    .setAccessCode(random.nextBoolean() ? code() : null).build();
            kind = "access-visitor-pre-authorized";
        } else {
            payload = AfterHoursAccess.newBuilder().setDoorId("D-" + location + "-SIDE").setDoorName("Side door")
                    .setAccessedAt(now.minus(Duration.ofMinutes(5))).build();
            kind = "access-after-hours";
        }
        producer.publish(Topics.FACILITY_ACCESS, member.getMemberId(),
                SampleFacility.access(member.getMemberId(), location, version, payload));
        count(kind);
    }

    private void inquiry() {
        Location location = locations.get(random.nextInt(locations.size()));
        String id = "RIQ-" + runId + "-" + sequence;
        boolean tour = random.nextBoolean();
        InquiryReceived inquiry = InquiryReceived.newBuilder().setInquiryId(id)
                .setKind(tour ? InquiryKind.TOUR : InquiryKind.MEMBERSHIP)
                .setName("Prospect " + sequence).setEmail("prospect" + runId.toLowerCase() + "-" + sequence + "@prospects.example")
                .setMessage(tour ? "Could I come and see the space?" : "What does a fixed desk cost per month?")
                .setPreferredDate(tour ? LocalDate.now().plusDays(3) : null).build();
        producer.publish(Topics.FACILITY_COMMUNITY, id, CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(location.getLocationId(), 1, Instant.now())).setPayload(inquiry).build());
        gatedRecipients.add(DraftIds.normaliseEmail(inquiry.getEmail()));
        count("community-inquiry (gated)");
    }

    private void announcement() {
        String id = "RAN-" + runId + "-" + sequence;
        AnnouncementRequested announcement = AnnouncementRequested.newBuilder().setAnnouncementId(id)
                .setLocationIds(locations.stream().map(Location::getLocationId).toList())
                .setKind(AnnouncementKind.COMMUNITY).setSubject("Members' breakfast on Friday (" + id + ")")
                .setBodyText("Join us on Friday from 8:30 for coffee, pastries and a chat with your fellow members.")
                .setRequestedBy("community-team").build();
        producer.publish(Topics.FACILITY_COMMUNITY, id, CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(null, 1, Instant.now())).setPayload(announcement).build());
        count("community-announcement");
    }

    private Member member() {
        return members.get(random.nextInt(members.size()));
    }

    private long version(String key) {
        return versions.merge(key, 1L, Long::sum);
    }

    private String code() {
        return String.format("%04d-%04d", random.nextInt(10_000), random.nextInt(10_000));
    }

    private void count(String kind) {
        counts.merge(kind, 1, Integer::sum);
    }
}
