package com.deskpost.reliability.input;

import com.deskpost.devstack.SampleFacility;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.topic.Topics;
import com.deskpost.reliability.Scenario;
import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.input.DeadLetters.DeadLetter;
import com.deskpost.reliability.input.SinkWatcher.Arrival;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 11, scenario 5: 10,000 malformed or hostile records, one valid booking after every ten,
 * on the facility topics. DESIGN §3 "nothing is lost": a record that cannot be processed is
 * dead-lettered with its reason and the consumer carries on; DESIGN §4: no header injection, HTML
 * escaped. Records of kinds that can still be processed safely (a CR/LF or script in a name) must
 * either be dead-lettered with a reason or reach the sink neutralised; every other kind must be
 * dead-lettered. Throughput of the valid bookings is measured alone first, then among the hostile.
 */
public final class HostileInputScenario implements Scenario {

    private static final int VALID = 1_000;
    private static final int BAD_PER_VALID = 10;
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final String DOMAIN = "hostile.example";
    private static final String ATTACKER = "attacker.example";
    private static final String INJECTED = "\r\nBcc: evil@" + ATTACKER + "\r\nX-Injected: yes";
    private static final String SCRIPT = "<script>alert('xss')</script><img src=x onerror=alert(2)>";
    private static final Location LOCATION = Location.newBuilder(SampleFacility.location("HST-1", "Deskpost Hostile",
            "New York", "US", "America/New_York", "US")).setApprovers(List.of("ops")).build();
    private static final String STAFF = LOCATION.getStaffMailbox();
    private static final Pattern RECORD_ID = Pattern.compile("X[A-Z]{2}-\\d{6}");
    private static final Pattern VALID_ID = Pattern.compile("V[ABC]-\\d{6}");
    private static final List<String> BAD_ADDRESSES = List.of("no-at-sign.example", "two@@ats.example",
            "spaces in@name.example", "trailing-dot@example.", "<>@angle.example", "a@b@c.example",
            "quote\"@q.example", "comma,@c.example", "semi;colon@s.example", "@no-local.example");

    /** What a hostile record is, and what must become of it. */
    enum Kind {
        RANDOM_BYTES("XRB", 3000, true), UNKNOWN_SCHEMA_ID("XUS", 1000, true), WRONG_SCHEMA_ID("XWS", 500, true),
        TRUNCATED("XTR", 2000, true), OVERSIZED("XOV", 50, true), LARGE_FIELD("XLF", 50, false), UNKNOWN_MEMBER("XUM", 1300, true),
        UNKNOWN_LOCATION("XUL", 700, true), INVALID_GUEST_ADDRESS("XIG", 300, true),
        INVALID_MEMBER_ADDRESS("XIM", 300, true), CRLF_IN_SUBJECT("XCS", 300, false),
        CRLF_IN_NAME("XCN", 100, false), SCRIPT_IN_SUBJECT("XSS", 300, false), SCRIPT_IN_NAME("XSN", 100, false);

        final String prefix;
        final int count;
        /** true: must be dead-lettered; false: dead-lettered with a reason, or delivered neutralised. */
        final boolean mustDeadLetter;

        Kind(String prefix, int count, boolean mustDeadLetter) {
            this.prefix = prefix;
            this.count = count;
            this.mustDeadLetter = mustDeadLetter;
        }
    }

    private record Bad(Kind kind, String id, String topic, byte[] value) {
    }

    private final Random random = new Random(Long.getLong("reliability.seed", 11L));

    @Override
    public String name() {
        return "hostile";
    }

    @Override
    public ScenarioResult run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Instant began = Instant.now();
        try (InputStack input = InputStack.infrastructure()) {
            seed(input);
            // the relay is not the subject: let delivery go as fast as the machine allows; and a booking for an
            // unknown member waits for the directory only briefly, so its dead letter comes within the settling
            input.startServices(Map.of("deskpost.delivery.rate-per-second", "1000", "deskpost.directory.grace", "5s"));
            try (SinkWatcher sink = new SinkWatcher(input.stack.smtp())) {
                // Phase A: the valid bookings alone
                List<String> alone = ids("VA", VALID);
                Instant startA = Instant.now();
                alone.forEach(id -> input.send(Topics.FACILITY_BOOKINGS, id, validBooking(id)));
                input.flush();
                Duration offeredA = Duration.between(startA, Instant.now());
                Duration tookA = awaitValid(sink, alone, startA);

                // Phase B: every valid booking followed by ten hostile records
                List<Bad> bad = hostile(input);
                List<String> mixed = ids("VB", VALID);
                Instant startB = Instant.now();
                for (int i = 0; i < VALID; i++) {
                    input.send(Topics.FACILITY_BOOKINGS, mixed.get(i), validBooking(mixed.get(i)));
                    for (Bad record : bad.subList(i * BAD_PER_VALID, (i + 1) * BAD_PER_VALID)) {
                        input.sendRaw(record.topic(), record.id(), record.value());
                    }
                }
                input.flush();
                Duration offeredB = Duration.between(startB, Instant.now());
                Duration tookB = awaitValid(sink, mixed, startB);
                sink.awaitQuiet(Duration.ofSeconds(10), Duration.ofSeconds(60));
                List<DeadLetter> letters = awaitDeadLetters(input);
                List<Arrival> arrivals = sink.arrivals();

                judgeValid(arrivals, alone, mixed, figures, violations);
                judgeBad(bad, letters, arrivals, input.sendFailures(), figures, violations, notes);
                judgeInjections(input, arrivals, figures, violations);
                long validMailsA = 2L * VALID;
                figures.put("valid_alone_per_s", perSecond(VALID, tookA));
                figures.put("valid_mixed_per_s", perSecond(VALID, tookB));
                figures.put("all_records_mixed_per_s", perSecond(VALID * (1 + BAD_PER_VALID), tookB));
                figures.put("mixed_vs_alone", tookB == null || tookA == null ? "n/a"
                        : "%.2f".formatted((double) tookA.toMillis() / tookB.toMillis()));
                notes.add("1:10 = each of the " + VALID + " valid bookings (confirmation + staff copy = "
                        + validMailsA + " mails per phase) was followed by 10 hostile records; offered in "
                        + offeredA.toMillis() + " ms alone, " + offeredB.toMillis() + " ms mixed");

                // Phase C: garbage on the directory topics, then one more booking must still be confirmed
                directoryGarbage(input, sink, figures, violations);
            }
        }
        figures.put("seconds", Duration.between(began, Instant.now()).toSeconds());
        return new ScenarioResult(name(), figures, violations, notes);
    }

    private static String perSecond(int records, Duration took) {
        return took == null ? "n/a" : "%.0f".formatted(records * 1000.0 / Math.max(1, took.toMillis()));
    }

    // --- records ---

    private void seed(InputStack input) {
        input.publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
        for (int n = 0; n < 50; n++) {
            input.send(Topics.FACILITY_MEMBERS, "HV-" + n, member("HV-" + n, "Member " + n, "hv-" + n + "@" + DOMAIN));
        }
        // hostile directory entries: bookings for them are the INVALID_MEMBER_ADDRESS, CRLF_ and SCRIPT_IN_NAME kinds
        for (int n = 0; n < BAD_ADDRESSES.size(); n++) {
            input.send(Topics.FACILITY_MEMBERS, "HBADMAIL-" + n, member("HBADMAIL-" + n, "Bad Address " + n,
                    BAD_ADDRESSES.get(n)));
            input.send(Topics.FACILITY_MEMBERS, "HCRLF-" + n, member("HCRLF-" + n, "Eve " + n + INJECTED,
                    "hcrlf-" + n + "@" + DOMAIN));
            input.send(Topics.FACILITY_MEMBERS, "HSCRIPT-" + n, member("HSCRIPT-" + n, "Mallory " + n + SCRIPT,
                    "hscript-" + n + "@" + DOMAIN));
        }
        input.flush();
    }

    private static Member member(String id, String name, String email) {
        return SampleFacility.member(id, name, email, "en-US", LOCATION.getLocationId());
    }

    private BookingEvent validBooking(String id) {
        return booking(id, "HV-" + random.nextInt(50), LOCATION.getLocationId(), "Room " + id);
    }

    private static BookingEvent booking(String id, String memberId, String locationId, String room) {
        Instant start = Instant.parse("2026-12-01T15:00:00Z");
        return SampleFacility.created(id, memberId, locationId,
                SampleFacility.room("R-" + id, room, ResourceKind.MEETING_ROOM), start, start.plus(Duration.ofHours(1)));
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("%s-%06d".formatted(prefix, i));
        }
        return ids;
    }

    /** The 10,000 hostile records, shuffled. */
    private List<Bad> hostile(InputStack input) {
        String bookings = Topics.FACILITY_BOOKINGS.name();
        List<String> randomTopics = List.of(bookings, Topics.FACILITY_ACCESS.name(), Topics.FACILITY_BILLING.name(),
                Topics.FACILITY_COMMUNITY.name());
        byte[] locationFrame = Arrays.copyOf(input.bytes(Topics.FACILITY_LOCATIONS, LOCATION), 5);
        List<Bad> all = new ArrayList<>();
        int serial = 0;
        for (Kind kind : Kind.values()) {
            for (int n = 0; n < kind.count; n++) {
                String id = "%s-%06d".formatted(kind.prefix, serial++);
                String member = "HV-" + random.nextInt(50);
                all.add(switch (kind) {
                    case RANDOM_BYTES -> new Bad(kind, id, randomTopics.get(n % randomTopics.size()),
                            randomBytes(1 + random.nextInt(300)));
                    case UNKNOWN_SCHEMA_ID -> new Bad(kind, id, bookings,
                            reframe(input.bytes(Topics.FACILITY_BOOKINGS, booking(id, member, "HST-1", "Room " + id)),
                                    999_000 + random.nextInt(1000)));
                    case WRONG_SCHEMA_ID -> new Bad(kind, id, bookings,
                            reframe(input.bytes(Topics.FACILITY_BOOKINGS, booking(id, member, "HST-1", "Room " + id)),
                                    ByteBuffer.wrap(locationFrame, 1, 4).getInt()));
                    case TRUNCATED -> n % 2 == 0
                            ? new Bad(kind, id, bookings, truncate(input.bytes(Topics.FACILITY_BOOKINGS,
                                    booking(id, member, "HST-1", "Room " + id))))
                            : new Bad(kind, id, Topics.FACILITY_ACCESS.name(), truncate(input.bytes(Topics.FACILITY_ACCESS,
                                    keycard(id, member))));
                    // a 900 KB value that is not Avro; a valid booking whose room name is 100 KB
                    case OVERSIZED -> new Bad(kind, id, bookings, oversized());
                    case LARGE_FIELD -> new Bad(kind, id, bookings, input.bytes(Topics.FACILITY_BOOKINGS,
                            booking(id, member, "HST-1", "Room " + id + " " + "x".repeat(100_000))));
                    case UNKNOWN_MEMBER -> booking(input, kind, id, "NOBODY-" + n, "HST-1", "Room " + id);
                    case UNKNOWN_LOCATION -> booking(input, kind, id, member, "NOWHERE-" + (n % 7), "Room " + id);
                    case INVALID_GUEST_ADDRESS -> new Bad(kind, id, bookings, input.bytes(Topics.FACILITY_BOOKINGS,
                            SampleFacility.created(id, member, "HST-1", SampleFacility.room("R-" + id, "Room " + id,
                                    ResourceKind.MEETING_ROOM), Instant.parse("2026-12-01T15:00:00Z"),
                                    Instant.parse("2026-12-01T16:00:00Z"),
                                    List.of(SampleFacility.guest("Guest " + id,
                                            BAD_ADDRESSES.get(n % BAD_ADDRESSES.size()))))));
                    case INVALID_MEMBER_ADDRESS -> booking(input, kind, id, "HBADMAIL-" + (n % BAD_ADDRESSES.size()),
                            "HST-1", "Room " + id);
                    case CRLF_IN_SUBJECT -> booking(input, kind, id, member, "HST-1", "Room " + id + INJECTED);
                    case CRLF_IN_NAME -> booking(input, kind, id, "HCRLF-" + (n % BAD_ADDRESSES.size()), "HST-1",
                            "Room " + id);
                    case SCRIPT_IN_SUBJECT -> booking(input, kind, id, member, "HST-1", "Room " + id + " " + SCRIPT);
                    case SCRIPT_IN_NAME -> booking(input, kind, id, "HSCRIPT-" + (n % BAD_ADDRESSES.size()), "HST-1",
                            "Room " + id);
                });
            }
        }
        Collections.shuffle(all, random);
        return all;
    }

    private static Bad booking(InputStack input, Kind kind, String id, String member, String location, String room) {
        return new Bad(kind, id, Topics.FACILITY_BOOKINGS.name(),
                input.bytes(Topics.FACILITY_BOOKINGS, booking(id, member, location, room)));
    }

    private static AccessEvent keycard(String id, String member) {
        return SampleFacility.access(member, "HST-1", 1, KeycardProvisioned.newBuilder().setKeycardId("KC-" + id)
                .setValidFrom(Instant.now()).build());
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            bytes[0] = 0; // half of them even pass the magic byte
        }
        return bytes;
    }

    private byte[] oversized() {
        byte[] bytes = randomBytes(900_000);
        bytes[0] = 0;
        return bytes;
    }

    private static byte[] reframe(byte[] framed, int schemaId) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
        return copy;
    }

    private byte[] truncate(byte[] framed) {
        return Arrays.copyOf(framed, 5 + random.nextInt(Math.max(1, framed.length / 2 - 5)));
    }

    // --- waiting and judging ---

    /** Waits for each valid booking's confirmation and staff copy; the time from the first send to the last mail. */
    private static Duration awaitValid(SinkWatcher sink, List<String> ids, Instant start) {
        Set<String> wanted = new HashSet<>(ids);
        try {
            Waits.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> delivered(sink.arrivals(), wanted).values().stream().filter(n -> n >= 2).count()
                            == wanted.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return null;
        }
        Instant last = sink.arrivals().stream().filter(a -> idIn(a, VALID_ID).map(wanted::contains).orElse(false))
                .map(Arrival::at).max(Instant::compareTo).orElse(Instant.now());
        return Duration.between(start, last);
    }

    private static Map<String, Integer> delivered(List<Arrival> arrivals, Set<String> wanted) {
        Map<String, Integer> count = new HashMap<>();
        for (Arrival arrival : arrivals) {
            idIn(arrival, VALID_ID).filter(wanted::contains).ifPresent(id -> count.merge(id, 1, Integer::sum));
        }
        return count;
    }

    private static java.util.Optional<String> idIn(Arrival arrival, Pattern pattern) {
        Matcher matcher = pattern.matcher(arrival.subject());
        return matcher.find() ? java.util.Optional.of(matcher.group()) : java.util.Optional.empty();
    }

    private static List<DeadLetter> awaitDeadLetters(InputStack input) {
        // dead letters settle when two reads 10 s apart agree, within 2 minutes
        List<DeadLetter> previous = DeadLetters.readAll(input);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Waits.await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11))
                    .until(() -> true);
            List<DeadLetter> now = DeadLetters.readAll(input);
            if (now.size() == previous.size()) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static void judgeValid(List<Arrival> arrivals, List<String> alone, List<String> mixed,
            Map<String, Object> figures, List<String> violations) {
        Set<String> wanted = new HashSet<>(alone);
        wanted.addAll(mixed);
        Map<String, Integer> got = delivered(arrivals, wanted);
        long mails = got.values().stream().mapToLong(Integer::longValue).sum();
        long lost = wanted.stream().filter(id -> got.getOrDefault(id, 0) < 2).count();
        figures.put("valid_records", wanted.size());
        figures.put("valid_mails", mails + "/" + 2L * wanted.size());
        if (lost > 0) {
            violations.add(lost + " valid bookings lost their confirmation or staff copy, e.g. "
                    + wanted.stream().filter(id -> got.getOrDefault(id, 0) < 2).sorted().limit(5).toList());
        }
    }

    private static void judgeBad(List<Bad> bad, List<DeadLetter> letters, List<Arrival> arrivals,
            List<String> sendFailures, Map<String, Object> figures, List<String> violations, List<String> notes) {
        Map<String, List<DeadLetter>> byId = new HashMap<>();
        Map<String, Long> perTopic = new LinkedHashMap<>();
        long withoutReason = 0;
        for (DeadLetter letter : letters) {
            perTopic.merge(letter.topic(), 1L, Long::sum);
            if (letter.reason() == null || letter.reason().isBlank()) {
                withoutReason++;
            }
            Matcher id = RECORD_ID.matcher(String.valueOf(letter.key()));
            while (id.find()) {
                byId.computeIfAbsent(id.group(), k -> new ArrayList<>()).add(letter);
            }
        }
        Set<String> mailed = new HashSet<>();
        for (Arrival arrival : arrivals) {
            Matcher id = RECORD_ID.matcher(arrival.subject());
            while (id.find()) {
                mailed.add(id.group());
            }
        }
        Map<Kind, long[]> outcome = new EnumMap<>(Kind.class); // dead-lettered, delivered, neither
        Map<Kind, String> example = new EnumMap<>(Kind.class);
        for (Bad record : bad) {
            long[] counts = outcome.computeIfAbsent(record.kind(), k -> new long[3]);
            if (byId.containsKey(record.id())) {
                counts[0]++;
            } else if (mailed.contains(record.id())) {
                counts[1]++;
                if (record.kind().mustDeadLetter) {
                    example.putIfAbsent(record.kind(), record.id() + " was mailed");
                }
            } else {
                counts[2]++;
                example.putIfAbsent(record.kind(), record.id() + " is neither dead-lettered nor mailed");
            }
        }
        long mustDead = 0;
        long dead = 0;
        long neutral = 0;
        long handled = 0;
        StringBuilder byKind = new StringBuilder();
        for (Map.Entry<Kind, long[]> entry : outcome.entrySet()) {
            long[] c = entry.getValue();
            long total = c[0] + c[1] + c[2];
            byKind.append(entry.getKey().name().toLowerCase(Locale.ROOT)).append(':').append(c[0]).append('d')
                    .append(c[1]).append('m').append(c[2]).append('x').append(',');
            if (entry.getKey().mustDeadLetter) {
                mustDead += total;
                dead += c[0];
                if (c[0] < total) {
                    violations.add(entry.getKey() + ": " + (total - c[0]) + " of " + total
                            + " not dead-lettered (" + c[1] + " mailed, " + c[2] + " neither), e.g. "
                            + example.get(entry.getKey()));
                }
            } else {
                neutral += total;
                handled += c[0] + c[1];
                if (c[2] > 0) {
                    violations.add(entry.getKey() + ": " + c[2] + " of " + total
                            + " neither dead-lettered nor delivered, e.g. " + example.get(entry.getKey()));
                }
            }
        }
        figures.put("bad_records", bad.size());
        figures.put("dead_lettered", dead + "/" + mustDead);
        figures.put("neutralised_or_dead_lettered", handled + "/" + neutral);
        figures.put("dlq_without_reason", withoutReason);
        if (withoutReason > 0) {
            violations.add(withoutReason + " dead letters carry no kafka_exception-message reason");
        }
        notes.add("dead letters per topic: " + perTopic);
        notes.add("per kind (d = dead-lettered, m = mailed, x = neither): " + byKind);
        if (!sendFailures.isEmpty()) {
            notes.add(sendFailures.size() + " sends refused by the broker, e.g. " + sendFailures.get(0));
        }
    }

    private static void judgeInjections(InputStack input, List<Arrival> arrivals, Map<String, Object> figures,
            List<String> violations) throws Exception {
        long injected = 0;
        long scripts = 0;
        Pattern rawScript = Pattern.compile("<script|<img[^>]*onerror", Pattern.CASE_INSENSITIVE);
        for (Arrival arrival : arrivals) {
            var message = arrival.message();
            boolean header = message.getHeader("X-Injected") != null || message.getHeader("Bcc") != null
                    || arrival.to().stream().anyMatch(to -> to.endsWith("@" + ATTACKER)) || arrival.to().size() != 1;
            if (header) {
                injected++;
                if (injected <= 3) {
                    violations.add("header injection reached the sink: '" + arrival.subject() + "' to " + arrival.to());
                }
            }
            for (String html : SinkWatcher.parts(message, "text/html")) {
                if (rawScript.matcher(html).find()) {
                    scripts++;
                    if (scripts <= 3) {
                        violations.add("unescaped script/handler in the HTML of '" + arrival.subject() + "'");
                    }
                    break;
                }
            }
        }
        long envelope = input.stack.smtp().messagesTo("evil@" + ATTACKER).size();
        if (envelope > 0) {
            violations.add(envelope + " messages reached evil@" + ATTACKER + " by the SMTP envelope");
        }
        figures.put("injections_at_sink", injected + envelope);
        figures.put("unescaped_scripts", scripts);
    }

    /** Phase C: undecodable records on the compacted directory topics must not stop the composers. */
    private void directoryGarbage(InputStack input, SinkWatcher sink, Map<String, Object> figures,
            List<String> violations) {
        for (int n = 0; n < 3; n++) {
            input.sendRaw(Topics.FACILITY_MEMBERS.name(), "XDG-MEMBER-" + n, randomBytes(40));
            input.sendRaw(Topics.FACILITY_LOCATIONS.name(), "XDG-LOCATION-" + n, randomBytes(40));
        }
        input.flush();
        String canary = "VC-000001";
        Instant sent = Instant.now();
        input.send(Topics.FACILITY_BOOKINGS, canary, validBooking(canary));
        input.flush();
        Duration took = awaitValid(sink, List.of(canary), sent);
        figures.put("after_directory_garbage", took == null ? "stalled" : "confirmed");
        if (took == null) {
            violations.add("after 3 undecodable records each on facility.members and facility.locations, booking "
                    + canary + " was not confirmed within " + WAIT.toSeconds() + " s");
        }
        long directoryDead = DeadLetters.readAll(input).stream()
                .filter(letter -> String.valueOf(letter.key()).startsWith("XDG-")).count();
        figures.put("directory_garbage_dead_lettered", directoryDead + "/6");
        if (directoryDead < 6) {
            violations.add((6 - directoryDead) + " of 6 undecodable directory records were not dead-lettered");
        }
    }
}
