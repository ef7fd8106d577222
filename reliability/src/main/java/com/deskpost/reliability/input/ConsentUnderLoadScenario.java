package com.deskpost.reliability.input;

import com.deskpost.devstack.SampleFacility;
import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Topics;
import com.deskpost.reliability.Scenario;
import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.input.SinkWatcher.Arrival;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 11, scenario 4: consent changes take effect while commercial mail is flowing. Announcements
 * to a few thousand opted-in members and booking confirmations run while 1,000 unsubscribes and
 * withdrawals arrive through every door (contacts API {@code unsubscribed}, {@code opt_in}
 * REMOVED, {@code ccpa_opt_out}, and unsubscribe mails through community's inbound webhook). The
 * rule (DESIGN §4, "unsubscribes take effect immediately"): no commercial mail reaches a suppressed
 * address later than {@value #GRACE_SECONDS} s after the suppression was committed. One GDPR erasure
 * in the same run must leave no row naming the person in either database, their audit rows
 * pseudonymised and the audit chain intact.
 */
public final class ConsentUnderLoadScenario implements Scenario {

    static final long GRACE_SECONDS = 5;
    private static final int MEMBERS_PER_LOCATION = Integer.getInteger("reliability.consent.members-per-location", 500);
    private static final int ANNOUNCEMENTS = Integer.getInteger("reliability.consent.announcements", 4);
    private static final int BOOKINGS = 300;
    private static final int SUPPRESSIONS = 1_000;
    private static final Duration TRAFFIC = Duration.ofSeconds(30);
    private static final String TAG = "load";
    private static final String WARM_UP_TAG = "warm-up";
    private static final String ERASED_EMAIL = "erasure.subject@load.example";
    private static final String ERASED_NAME = "Quillon Vantablack-Erasmus";
    private static final Pattern BOOKING_ID = Pattern.compile("CL-\\d{4}");

    private static final List<Location> LOCATIONS = List.of(
            location("LDN-L", "Deskpost Load Shoreditch", "London", "GB", "Europe/London", "UK"),
            location("BER-L", "Deskpost Load Kreuzberg", "Berlin", "DE", "Europe/Berlin", "EU"),
            location("SFO-L", "Deskpost Load SoMa", "San Francisco", "US", "America/Los_Angeles", "US-CA"),
            location("NYC-L", "Deskpost Load Flatiron", "New York", "US", "America/New_York", "US"));

    /** How one suppression was made, and when it was committed. */
    enum Door { API_UNSUBSCRIBED, API_OPT_IN_REMOVED, API_CCPA_OPT_OUT, INBOUND_MAIL }

    record Suppression(String email, Door door, Instant requested, Instant committed, String failure) {
    }

    private final Random random = new Random(Long.getLong("reliability.seed", 11L));
    private final Http http = new Http();

    @Override
    public String name() {
        return "consent";
    }

    @Override
    public ScenarioResult run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Instant began = Instant.now();
        try (InputStack input = InputStack.infrastructure()) {
            List<Member> members = seed(input);
            input.startServices(Map.of(
                    // the relay is not the subject here: let delivery go as fast as the machine allows
                    "deskpost.delivery.rate-per-second", "400",
                    // one mail per recipient: staff copies of each announcement would only double the volume
                    "deskpost.oversight.staff-copies", "hourly_digest"));
            awaitOptIns(input, members);
            holdForErased(input);
            try (SinkWatcher sink = new SinkWatcher(input.stack.smtp())) {
                warmUp(input, sink);
                runTraffic(input, members, sink, figures, violations, notes);
                erase(input, figures, violations, notes);
            }
        }
        figures.put("seconds", Duration.between(began, Instant.now()).toSeconds());
        return new ScenarioResult(name(), figures, violations, notes);
    }

    // --- set-up ---

    private List<Member> seed(InputStack input) {
        for (Location location : LOCATIONS) {
            input.publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        List<Member> members = new ArrayList<>();
        for (Location location : LOCATIONS) {
            for (int n = 0; n < MEMBERS_PER_LOCATION; n++) {
                String id = location.getLocationId() + "-" + n;
                members.add(member(id, "Member " + id, id.toLowerCase() + "@load.example", location));
            }
        }
        Member erased = erasedMember();
        for (Member member : members) {
            input.send(Topics.FACILITY_MEMBERS, member.getMemberId(), member);
            if (needsOptIn(member)) {
                input.send(Topics.MAIL_CONSENT, member.getEmail(), ConsentChange.newBuilder().setEmail(member.getEmail())
                        .setTag(ConsentTag.OPT_IN).setAction(ConsentAction.ADDED).setSource("reliability-seed")
                        .setChangedAt(Instant.now().minusSeconds(60)).build());
            }
        }
        input.publish(Topics.FACILITY_MEMBERS, erased.getMemberId(), erased);
        input.flush();
        return members;
    }

    private static boolean needsOptIn(Member member) {
        String location = member.getLocationIds().get(0);
        return location.startsWith("LDN") || location.startsWith("BER");
    }

    private void awaitOptIns(InputStack input, List<Member> members) throws Exception {
        long expected = members.stream().filter(ConsentUnderLoadScenario::needsOptIn).count();
        Waits.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Databases.count(input.stack.deliveryDatabase(),
                        "select count(*) from consent_tags where tag = 'opt_in' and present") >= expected);
    }

    // --- traffic and suppressions ---

    private void runTraffic(InputStack input, List<Member> members, SinkWatcher sink, Map<String, Object> figures,
            List<String> violations, List<String> notes) throws Exception {
        List<Member> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, random);
        List<Suppression> planned = plan(shuffled);
        Map<String, Suppression> done = new ConcurrentHashMap<>();
        InboundCommits inbound = new InboundCommits(input);
        ExecutorService doors = Executors.newFixedThreadPool(4);
        Instant start = Instant.now();
        long trafficNanos = TRAFFIC.toNanos();
        List<String> bookingIds = new ArrayList<>();
        int announcementsSent = 0;
        int bookingsSent = 0;
        int suppressionsSent = 0;
        // One loop offers the three streams on their own schedules over TRAFFIC: announcements evenly,
        // bookings evenly, suppressions evenly from 10 % to 90 % of it (so mail is in flight before and after).
        while (announcementsSent < ANNOUNCEMENTS || bookingsSent < BOOKINGS || suppressionsSent < SUPPRESSIONS) {
            long elapsed = Duration.between(start, Instant.now()).toNanos();
            if (announcementsSent < ANNOUNCEMENTS && elapsed >= trafficNanos * announcementsSent / ANNOUNCEMENTS) {
                announce(input, "ANN-" + announcementsSent);
                announcementsSent++;
            }
            if (bookingsSent < BOOKINGS && elapsed >= trafficNanos * bookingsSent / BOOKINGS) {
                Member member = bookingsSent == 0 ? erasedMember() : shuffled.get(random.nextInt(shuffled.size()));
                String bookingId = "CL-%04d".formatted(bookingsSent);
                book(input, bookingId, member);
                bookingIds.add(bookingId);
                bookingsSent++;
            }
            if (suppressionsSent < SUPPRESSIONS
                    && elapsed >= trafficNanos / 10 + trafficNanos * 8 / 10 * suppressionsSent / SUPPRESSIONS) {
                Suppression suppression = planned.get(suppressionsSent++);
                if (suppression.door() == Door.INBOUND_MAIL) {
                    inbound.expect(suppression.email());
                }
                doors.submit(() -> done.put(suppression.email(), suppress(input, suppression)));
            }
            input.flush();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        doors.shutdown();
        doors.awaitTermination(2, TimeUnit.MINUTES);
        inbound.awaitAll(Duration.ofSeconds(60));
        inbound.close();
        Duration injecting = Duration.between(start, Instant.now());
        int arrived = sink.awaitQuiet(Duration.ofSeconds(10), Duration.ofSeconds(150));

        // Commit times: the API's answer for the API doors, the consent row's first sighting for mail.
        Map<String, Suppression> committed = new HashMap<>();
        long failures = 0;
        long inboundPropagationMax = 0;
        for (Suppression suppression : done.values()) {
            if (suppression.failure() != null) {
                failures++;
                if (failures <= 3) {
                    violations.add("suppression of " + suppression.email() + " via " + suppression.door() + " failed: "
                            + suppression.failure());
                }
                continue;
            }
            Instant at = suppression.door() == Door.INBOUND_MAIL ? inbound.committed(suppression.email())
                    : suppression.committed();
            if (at == null) {
                violations.add("inbound unsubscribe of " + suppression.email() + " never reached the consent store");
                continue;
            }
            if (suppression.door() == Door.INBOUND_MAIL) {
                inboundPropagationMax = Math.max(inboundPropagationMax,
                        Duration.between(suppression.requested(), at).toMillis());
            }
            committed.put(suppression.email(), new Suppression(suppression.email(), suppression.door(),
                    suppression.requested(), at, null));
        }

        // At the sink: commercial mail to a suppressed address, after its suppression committed.
        long late = 0;
        long inside = 0;
        long before = 0;
        long maxLagMillis = 0;
        Map<Door, Long> lateByDoor = new LinkedHashMap<>();
        List<Arrival> arrivals = sink.arrivals();
        long commercial = 0;
        for (Arrival arrival : arrivals) {
            if (!arrival.commercial()) {
                continue;
            }
            commercial++;
            Suppression suppression = committed.get(arrival.firstTo());
            if (suppression == null) {
                continue;
            }
            long lag = Duration.between(suppression.committed(), arrival.at()).toMillis();
            if (lag <= 0) {
                before++;
                continue;
            }
            maxLagMillis = Math.max(maxLagMillis, lag);
            if (lag > GRACE_SECONDS * 1000) {
                late++;
                lateByDoor.merge(suppression.door(), 1L, Long::sum);
                if (late <= 5) {
                    violations.add("commercial mail '" + arrival.subject() + "' reached " + arrival.firstTo() + " "
                            + lag + " ms after its " + suppression.door() + " suppression committed");
                }
            } else {
                inside++;
            }
        }
        if (late > 5) {
            violations.add(late + " commercial mails in all reached a suppressed address more than " + GRACE_SECONDS
                    + " s after the suppression committed, by door " + lateByDoor);
        }

        // Transactional traffic goes on regardless of commercial consent.
        Map<String, Integer> confirmations = new HashMap<>();
        for (Arrival arrival : arrivals) {
            Matcher id = BOOKING_ID.matcher(arrival.subject());
            if (!arrival.commercial() && id.find() && !arrival.firstTo().startsWith("staff@")) {
                confirmations.merge(id.group(), 1, Integer::sum);
            }
        }
        long lost = bookingIds.stream().filter(id -> !confirmations.containsKey(id)).count();
        if (lost > 0) {
            violations.add(lost + " of " + bookingIds.size() + " booking confirmations did not arrive");
        }

        Map<String, Long> perAnnouncement = new java.util.TreeMap<>();
        for (Arrival arrival : arrivals) {
            if (arrival.commercial()) {
                perAnnouncement.merge(arrival.subject().replace("Community news ", "") + "/"
                        + arrival.firstTo().substring(0, 3), 1L, Long::sum);
            }
        }
        notes.add("commercial mails per announcement/location: " + perAnnouncement);
        long sentAtSink = arrivals.size();
        try {
            // the audit store appends from mail.audit: let it catch up with what the sink received
            Waits.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Databases.count(input.stack.auditDatabase(),
                            "select count(*) from audit_log where type = 'SENT'") >= sentAtSink);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            notes.add("the audit store had not caught up with the sink after 60 s");
        }
        long suppressedAtSend = Databases.count(input.stack.auditDatabase(),
                "select count(*) from audit_log where type = 'SUPPRESSED'");
        notes.add("audit rows by type: " + Databases.rows(input.stack.auditDatabase(),
                "select type, count(*) as n from audit_log group by type order by type"));
        Map<Door, Long> byDoor = new LinkedHashMap<>();
        committed.values().forEach(s -> byDoor.merge(s.door(), 1L, Long::sum));
        figures.put("members", MEMBERS_PER_LOCATION * LOCATIONS.size() + 1);
        figures.put("announcements", ANNOUNCEMENTS);
        figures.put("commercial_mails", commercial);
        figures.put("all_mails", arrived);
        figures.put("confirmations", (bookingIds.size() - lost) + "/" + bookingIds.size());
        figures.put("suppressions", committed.size() + "/" + SUPPRESSIONS);
        figures.put("by_door", byDoor.toString().replace(" ", ""));
        figures.put("injected_in_s", injecting.toSeconds());
        figures.put("late_over_5s", late);
        figures.put("inside_5s", inside);
        figures.put("max_lag_ms", maxLagMillis);
        figures.put("inbound_commit_max_ms", inboundPropagationMax);
        figures.put("suppressed_at_send", suppressedAtSend);
        notes.add(before + " commercial mails to suppressed addresses arrived before the suppression committed");
        notes.add("arrival times are stamped by a watcher polling the SMTP server every " + SinkWatcher.POLL_MILLIS
                + " ms; API suppressions are timed at the API's answer, inbound-mail ones at the consent row's first"
                + " sighting (polled every 50 ms)");
        if (failures > 0) {
            violations.add(failures + " suppression requests failed");
        }
    }

    /** 1,000 distinct members: 400 unsubscribe via the API, 200 withdraw opt-in (UK/EU), 200 CCPA (US-CA), 200 by mail. */
    private List<Suppression> plan(List<Member> shuffled) {
        List<Suppression> plan = new ArrayList<>();
        Map<Door, Integer> quota = new LinkedHashMap<>(Map.of(Door.API_UNSUBSCRIBED, 400, Door.API_OPT_IN_REMOVED, 200,
                Door.API_CCPA_OPT_OUT, 200, Door.INBOUND_MAIL, 200));
        for (Member member : shuffled) {
            String location = member.getLocationIds().get(0);
            Door door;
            if (location.startsWith("SFO") && quota.get(Door.API_CCPA_OPT_OUT) > 0) {
                door = Door.API_CCPA_OPT_OUT;
            } else if (needsOptIn(member) && quota.get(Door.API_OPT_IN_REMOVED) > 0) {
                door = Door.API_OPT_IN_REMOVED;
            } else if (quota.get(Door.INBOUND_MAIL) > 0 && plan.size() % 2 == 0) {
                door = Door.INBOUND_MAIL;
            } else if (quota.get(Door.API_UNSUBSCRIBED) > 0) {
                door = Door.API_UNSUBSCRIBED;
            } else if (quota.get(Door.INBOUND_MAIL) > 0) {
                door = Door.INBOUND_MAIL;
            } else {
                continue;
            }
            quota.merge(door, -1, Integer::sum);
            plan.add(new Suppression(member.getEmail(), door, null, null, null));
            if (plan.size() == SUPPRESSIONS) {
                break;
            }
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    private Suppression suppress(InputStack input, Suppression planned) {
        String email = planned.email();
        Instant requested = Instant.now();
        Http.Answer answer = switch (planned.door()) {
            case API_UNSUBSCRIBED -> tag(input, email, ConsentTag.UNSUBSCRIBED, "ADDED");
            case API_OPT_IN_REMOVED -> tag(input, email, ConsentTag.OPT_IN, "REMOVED");
            case API_CCPA_OPT_OUT -> tag(input, email, ConsentTag.CCPA_OPT_OUT, "ADDED");
            case INBOUND_MAIL -> http.postJson(input.url("community-events", "/api/v1/inbound/messages"),
                    Http.bearer(Http.WEBHOOK_KEY), """
                    {"messageId": "<unsub-%s@load.example>", "from": "%s", "to": ["unsubscribe@%s.deskpost.example"],
                     "subject": "unsubscribe", "text": "Please unsubscribe me."}
                    """.formatted(email.replace("@", "."), email, email.substring(0, 5).toLowerCase()));
        };
        int ok = planned.door() == Door.INBOUND_MAIL ? 202 : 200;
        if (answer.status() != ok) {
            return new Suppression(email, planned.door(), requested, null, answer.status() + " " + answer.body());
        }
        return new Suppression(email, planned.door(), requested, answer.at(), null);
    }

    private Http.Answer tag(InputStack input, String email, String tag, String action) {
        return http.postJson(input.url("delivery-service",
                        "/api/v1/contacts/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/tags"),
                Http.bearer(Http.DELIVERY_KEY), "{\"tag\": \"%s\", \"action\": \"%s\"}".formatted(tag, action));
    }

    /**
     * One announcement to one member, awaited, so the timed traffic meets a warm pipeline (fan-out,
     * bulk lane, delivery) rather than services still joining their consumer groups.
     */
    private static void warmUp(InputStack input, SinkWatcher sink) {
        announce(input, "WARM-UP", WARM_UP_TAG);
        input.flush();
        Waits.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> sink.arrivals().stream().anyMatch(a -> a.commercial() && a.firstTo().equals(ERASED_EMAIL)));
    }

    private static void announce(InputStack input, String id) {
        announce(input, id, TAG);
    }

    private static void announce(InputStack input, String id, String tag) {
        input.send(Topics.FACILITY_COMMUNITY, id, CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(null, 1, Instant.now()))
                .setPayload(AnnouncementRequested.newBuilder().setAnnouncementId(id)
                        .setLocationIds(LOCATIONS.stream().map(Location::getLocationId).toList())
                        .setMemberTags(List.of(tag)).setKind(AnnouncementKind.COMMUNITY)
                        .setSubject("Community news " + id)
                        .setBodyText("Join us on Friday at 18:00 for drinks and music.").setRequestedBy("M-STAFF").build())
                .build());
    }

    private static void book(InputStack input, String bookingId, Member member) {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        input.send(Topics.FACILITY_BOOKINGS, bookingId, SampleFacility.created(bookingId, member.getMemberId(),
                member.getLocationIds().get(0), SampleFacility.room("R-" + bookingId, "Room " + bookingId,
                        ResourceKind.MEETING_ROOM), start, start.plus(Duration.ofHours(1))));
    }

    // --- erasure ---

    /** Two held drafts to the person to be erased: one approved (so sent), one still waiting at erasure time. */
    private void holdForErased(InputStack input) {
        var sent = ApproverChecks.heldDraft(LOCATIONS.get(3), "booking-events", ERASED_EMAIL, ERASED_NAME);
        var waiting = ApproverChecks.heldDraft(LOCATIONS.get(3), "booking-events", ERASED_EMAIL, ERASED_NAME);
        input.publish(Topics.MAIL_DRAFTS, DraftKeys.of(sent), sent);
        input.publish(Topics.MAIL_DRAFTS, DraftKeys.of(waiting), waiting);
        String ops = Http.basic("ops", "ops");
        Waits.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> http.get(input.url("oversight-service", "/api/v1/pending/" + waiting.getDraftId()), ops)
                        .status() == 200 && http.get(input.url("oversight-service", "/api/v1/pending/"
                        + sent.getDraftId()), ops).status() == 200);
        http.postJson(input.url("oversight-service", "/api/v1/pending/" + sent.getDraftId() + "/decision"), ops,
                "{\"action\": \"approve\", \"decisionId\": \"erasure-check-approval\"}");
    }

    private void erase(InputStack input, Map<String, Object> figures, List<String> violations, List<String> notes)
            throws Exception {
        long sentBefore = Databases.count(input.stack.deliveryDatabase(),
                "select count(*) from delivery_ledger where recipient = ?", ERASED_EMAIL);
        Http.Answer answer = http.send("POST", input.url("delivery-service",
                "/api/v1/contacts/" + URLEncoder.encode(ERASED_EMAIL, StandardCharsets.UTF_8) + "/erasure"),
                Http.bearer(Http.DELIVERY_KEY), null, null);
        if (answer.status() != 200) {
            violations.add("erasure refused: " + answer.status() + " " + answer.body());
            return;
        }
        Matcher pseudonym = Pattern.compile("\"pseudonym\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        String alias = pseudonym.find() ? pseudonym.group(1) : null;
        // oversight and audit-service drop what they hold for the address when the erasure reaches them on
        // mail.consent: give the audit store up to 30 s to pseudonymise, then count what is left everywhere
        Waits.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> true);
        try {
            Waits.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Databases.search(input.stack.auditDatabase(), ERASED_EMAIL).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            notes.add("audit-service had not pseudonymised the erased address after 30 s");
        }
        Map<String, Long> left = new LinkedHashMap<>();
        for (String needle : List.of(ERASED_EMAIL, ERASED_NAME)) {
            Databases.search(input.stack.deliveryDatabase(), needle)
                    .forEach((column, rows) -> left.merge("delivery." + column + "~" + needle.charAt(0), rows, Long::sum));
            Databases.search(input.stack.oversightDatabase(), needle)
                    .forEach((column, rows) -> left.merge("oversight." + column + "~" + needle.charAt(0), rows, Long::sum));
            Databases.search(input.stack.auditDatabase(), needle)
                    .forEach((column, rows) -> left.merge("audit." + column + "~" + needle.charAt(0), rows, Long::sum));
        }
        long rowsLeft = left.values().stream().mapToLong(Long::longValue).sum();
        long pseudonymised = alias == null ? 0 : Databases.count(input.stack.auditDatabase(),
                "select count(*) from audit_log where recipient = ?", alias);
        Http.Answer verification = http.get(input.url("audit-service", "/api/v1/audit/verification"),
                Http.bearer(Http.DELIVERY_KEY));
        boolean intact = verification.status() == 200 && verification.body().replace(" ", "").contains("\"intact\":true");
        figures.put("erasure_rows_left", rowsLeft);
        figures.put("erasure_audit_rows_pseudonymised", pseudonymised);
        figures.put("audit_chain_intact", intact);
        notes.add("erased address had " + sentBefore + " ledger rows before erasure; rows still naming it: " + left);
        if (rowsLeft > 0) {
            violations.add("after erasure " + rowsLeft + " rows still hold the person's address or name (table.column~"
                    + "e=address,q=name): " + left);
        }
        if (pseudonymised == 0) {
            violations.add("no audit row carries the erasure's pseudonym " + alias + " (answer " + answer.body() + ")");
        }
        if (!intact) {
            violations.add("audit verification after erasure: " + verification.status() + " " + verification.body());
        }
    }

    private static Member erasedMember() {
        return Member.newBuilder(member("ERASE-1", ERASED_NAME, ERASED_EMAIL, LOCATIONS.get(3)))
                .setTags(List.of(TAG, WARM_UP_TAG)).build();
    }

    private static Member member(String id, String name, String email, Location location) {
        return Member.newBuilder(SampleFacility.member(id, name, email,
                        location.getJurisdiction().equals("EU") ? "de-DE" : "en-GB", location.getLocationId()))
                .setTags(List.of(TAG)).build();
    }

    private static Location location(String id, String name, String city, String country, String zone,
            String jurisdiction) {
        return Location.newBuilder(SampleFacility.location(id, name, city, country, zone, jurisdiction))
                .setApprovers(List.of("ops")).build();
    }

    /**
     * When inbound-mail unsubscribes reach delivery's consent store: the webhook answers before the
     * unsubscribe travels mail.inbound → community → mail.consent → delivery, so their commit is the
     * first sighting of the row, polled every 50 ms.
     */
    private static final class InboundCommits implements AutoCloseable {

        private final InputStack input;
        private final Map<String, Instant> committed = new ConcurrentHashMap<>();
        private final Map<String, Boolean> expected = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        InboundCommits(InputStack input) {
            this.input = input;
            this.thread = new Thread(this::watch, "reliability-inbound-commits");
            thread.setDaemon(true);
            thread.start();
        }

        void expect(String email) {
            expected.put(email, true);
        }

        Instant committed(String email) {
            return committed.get(email);
        }

        void awaitAll(Duration max) {
            try {
                Waits.await().atMost(max).pollInterval(Duration.ofMillis(200))
                        .until(() -> committed.keySet().containsAll(expected.keySet()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported per address by the caller
            }
        }

        private void watch() {
            while (running) {
                try {
                    Instant now = Instant.now();
                    for (Map<String, Object> row : Databases.rows(input.stack.deliveryDatabase(),
                            "select email from consent_tags where tag = 'unsubscribed' and present and source = 'inbound-mail'")) {
                        committed.putIfAbsent((String) row.get("email"), now);
                    }
                    Thread.sleep(50); // pacing of our own observer thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
