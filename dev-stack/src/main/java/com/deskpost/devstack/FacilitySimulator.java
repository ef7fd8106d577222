package com.deskpost.devstack;

import com.deskpost.events.BookedResource;
import com.deskpost.events.Guest;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated facility systems: seeds the directories (four locations in four time zones, a dozen
 * members) and then books desks, offices and meeting rooms at a steady pace, during each
 * location's business hours in the coming week, sometimes with a visitor, occasionally changing or
 * cancelling one; every fourth tick a member's subscription announces its renewal or is charged;
 * every third the access system issues a card, rotates a door code, expects a visitor or resets a
 * master keycode ({@link SimulatedAccess}); now and then the community team announces something or
 * a prospect asks for a tour ({@link SimulatedCommunity}).
 */
public final class FacilitySimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FacilitySimulator.class);
    private static final List<String> NAMES = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing",
            "Katherine Johnson", "Tim Berners-Lee", "Hedy Lamarr", "Margaret Hamilton", "Linus Torvalds",
            "Radia Perlman", "Barbara Liskov", "Dennis Ritchie", "Frances Allen");
    private static final List<BookedResource> SPACES = List.of(
            SampleFacility.room("R-ADA", "Meeting room Ada", ResourceKind.MEETING_ROOM),
            SampleFacility.room("R-BAB", "Meeting room Babbage", ResourceKind.MEETING_ROOM),
            SampleFacility.room("D-14", "Hot desk 14", ResourceKind.DESK),
            SampleFacility.room("O-3", "Private office 3", ResourceKind.OFFICE));

    private final FacilityPublisher publisher;
    private final Random random = new Random(42);
    private final List<Member> members = new ArrayList<>();
    private final List<Location> locations = SampleFacility.locations();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "facility-simulator"));
    private final SimulatedBilling billing = new SimulatedBilling(random);
    private final SimulatedAccess access = new SimulatedAccess(random);
    private final SimulatedCommunity community = new SimulatedCommunity(random);
    private final List<Member> staff = new ArrayList<>();
    private int bookings;

    public FacilitySimulator(FacilityPublisher publisher) {
        this.publisher = publisher;
    }

    public void seedDirectory() {
        for (Location location : locations) {
            publisher.publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        for (int i = 0; i < NAMES.size(); i++) {
            Location home = locations.get(i % locations.size());
            String name = NAMES.get(i);
            String email = name.toLowerCase().replaceAll("[^a-z]+", ".") + "@members.example";
            String locale = home.getJurisdiction().equals("EU") ? "de-DE"
                    : home.getJurisdiction().equals("UK") ? "en-GB" : "en-US";
            Member member = SampleFacility.member("M-" + (100 + i), name, email, locale, home.getLocationId());
            members.add(member);
            publisher.publish(Topics.FACILITY_MEMBERS, member.getMemberId(), member);
        }
        community.optIns(members).forEach(optIn -> publisher.publish(Topics.MAIL_CONSENT, optIn.getEmail(), optIn));
        for (Location location : locations) {
            String city = location.getAddress().getCity();
            Member keyholder = SampleFacility.staff("S-" + location.getLocationId(), "Keyholder " + city,
                    "keyholder@" + location.getLocationId().toLowerCase() + ".deskpost.example", location.getLocationId());
            staff.add(keyholder);
            publisher.publish(Topics.FACILITY_MEMBERS, keyholder.getMemberId(), keyholder);
        }
        log.info("Seeded {} locations, {} members and {} staff", locations.size(), members.size(), staff.size());
    }

    public void start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::safeTick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Simulated booking failed to publish; will try again on the next tick", e);
        }
    }

    private void tick() {
        if (bookings % 4 == 3) {
            Member payer = members.get(random.nextInt(members.size()));
            var event = billing.next(payer);
            publisher.publish(Topics.FACILITY_BILLING, event.getSubscriptionId(), event);
            log.info("Simulated billing {} for {}", event.getPayload().getClass().getSimpleName(), payer.getName());
        }
        if (bookings % 3 == 1) {
            Member holder = members.get(random.nextInt(members.size()));
            Member keyholder = staff.stream().filter(s -> s.getLocationIds().equals(holder.getLocationIds()))
                    .findFirst().orElseThrow();
            var event = access.next(holder, keyholder);
            publisher.publish(Topics.FACILITY_ACCESS, event.getMemberId(), event);
            log.info("Simulated access {} for {}", event.getPayload().getClass().getSimpleName(), event.getMemberId());
        }
        community.next(bookings, locations).ifPresent(published -> {
            publisher.publish(Topics.FACILITY_COMMUNITY, published.key(), published.event());
            log.info("Simulated community {} {}", published.event().getPayload().getClass().getSimpleName(),
                    published.key());
        });
        Member member = members.get(random.nextInt(members.size()));
        String locationId = member.getLocationIds().get(0);
        Location location = locations.stream().filter(l -> l.getLocationId().equals(locationId)).findFirst().orElseThrow();
        BookedResource space = SPACES.get(random.nextInt(SPACES.size()));
        ZonedDateTime start = ZonedDateTime.of(LocalDate.now(ZoneId.of(location.getTimeZone())).plusDays(1 + random.nextInt(6)),
                LocalTime.of(8 + random.nextInt(9), random.nextBoolean() ? 0 : 30), ZoneId.of(location.getTimeZone()));
        ZonedDateTime end = start.plusMinutes(30L * (1 + random.nextInt(6)));
        String bookingId = "B-" + (1000 + ++bookings);
        // Now and then a meeting room is booked for a visitor, who gets the guest version of the mails.
        List<Guest> guests = space.getKind() == ResourceKind.MEETING_ROOM && random.nextInt(3) == 0
                ? List.of(SampleFacility.guest("Visitor " + bookingId,
                        "visitor-" + bookingId.toLowerCase() + "@guests.example"))
                : List.of();
        publisher.publish(Topics.FACILITY_BOOKINGS, bookingId, SampleFacility.created(bookingId, member.getMemberId(),
                locationId, space, start.toInstant(), end.toInstant(), guests));
        log.info("Simulated booking {} of {} for {} at {}", bookingId, space.getName(), member.getName(), start);
        if (random.nextInt(8) == 0) {
            publisher.publish(Topics.FACILITY_BOOKINGS, bookingId, SampleFacility.modified(bookingId,
                    member.getMemberId(), locationId, 2, space, start.plusHours(1).toInstant(), end.plusHours(1).toInstant()));
        } else if (random.nextInt(12) == 0) {
            publisher.publish(Topics.FACILITY_BOOKINGS, bookingId,
                    SampleFacility.cancelled(bookingId, member.getMemberId(), locationId, 2));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
