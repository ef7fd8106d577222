package com.deskpost.platform.observability;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.platform.consent.ConsentGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The one place that names Deskpost's metrics and their tags. Every transition of a draft is
 * counted from the audit event that records it ({@code deskpost.mail.<audit type>}, e.g.
 * {@code deskpost_mail_sent_total} in Prometheus), so a counter can never disagree with the audit
 * trail about what a transition is; facility events are counted as they enter a topology, accepted
 * or dead-lettered, and gauged while parked waiting for the directory; SMTP sends, and the time from a
 * facility event to the relay's acceptance of its mail, are timed with percentile histograms.
 *
 * <p>Tags are bounded by the operator's configuration, never by traffic: category, location,
 * event type, topic, outcome, suppression rule; never a recipient, a draft id or free text.
 * Counters are cached per tag set, so counting costs one map lookup on the send path.
 */
public final class MailMetrics {

    /** Facility (and mail) events entering a topology, tagged {@link #TOPIC}, {@link #OUTCOME}, {@link #LOCATION}. */
    public static final String EVENTS_IN = "deskpost.events.in";
    /** Prefix of a draft's transition counters: {@code deskpost.mail.drafted}, {@code .sent}, {@code .skipped_duplicate}... */
    public static final String MAIL_PREFIX = "deskpost.mail.";
    /** SMTP send latency (the relay's round trip, rate-limit waits excluded), tagged {@link #OUTCOME}. */
    public static final String SMTP_SEND = "deskpost.smtp.send";
    /**
     * How long a claimed send stays unrecorded, tagged {@link #FROM}: from the claim ({@code claim}) or from the
     * relay's 250 ({@code accepted}) to the commit of the ledger row. A crash inside it resends after the lease.
     */
    public static final String DUPLICATE_WINDOW = "deskpost.delivery.duplicate.window";
    /** Claims before a send, tagged {@link #OUTCOME}: see {@link ClaimOutcome}. */
    public static final String CLAIMS = "deskpost.delivery.claims";
    /**
     * Queries of the idempotency ledger's "already sent?", tagged {@link #SCOPE}: {@code poll} (one for a poll's
     * records) or {@code record} (one for one recipient of a record that came alone).
     */
    public static final String LEDGER_LOOKUPS = "deskpost.delivery.ledger.lookups";
    /**
     * Records of a source topic parked because the directory lacks their member or location yet, tagged
     * {@link #TOPIC}: a gauge, summed over this instance's tasks; it returns to 0 as the directory catches up.
     */
    public static final String DIRECTORY_PARKED = "deskpost.directory.parked";
    /**
     * From the facility event ({@code header.occurred_at} of the draft) to the relay's 250 for the member's mail,
     * tagged {@link #CATEGORY}, {@link #LANE} and {@link #HELD}: what a member waits, approval included.
     */
    public static final String EVENT_TO_SEND = "deskpost.mail.event.to.send";

    public static final String TOPIC = "topic";
    public static final String OUTCOME = "outcome";
    public static final String CATEGORY = "category";
    public static final String LOCATION = "location";
    public static final String EVENT_TYPE = "event_type";
    public static final String RULE = "rule";
    public static final String FROM = "from";
    public static final String LANE = "lane";
    public static final String HELD = "held";
    public static final String SCOPE = "scope";

    /**
     * Bucket bounds the event-to-send histogram always has, besides Micrometer's percentile buckets: mail released
     * by policy goes in seconds, held mail waits for a person (up to the hold expiry, 24 h by default).
     */
    private static final Duration[] EVENT_TO_SEND_SLOS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24)};

    /**
     * The event-to-send histogram's smallest bucket: most automatic mail is sent within 20 to 100 ms, so the buckets
     * start at 10 ms for its median to read as the bench's (one bucket for everything under 100 ms put it at 50).
     */
    static final Duration EVENT_TO_SEND_MINIMUM = Duration.ofMillis(10);

    /** Outcome of an event entering a topology. */
    public enum Outcome {
        ACCEPTED, DEAD_LETTERED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a claim of (draft, recipient) before its send found. */
    public enum ClaimOutcome {
        /** Free: this consumer sends. */
        CLAIMED,
        /** Another consumer's claim had outlived its lease: this one takes over and sends. */
        TAKEN_OVER,
        /** The ledger row exists: sent already, skipped. */
        ALREADY_SENT,
        /** Another consumer's live claim: this one waits (counted once per wait). */
        HELD_ELSEWHERE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Key of this object in a Kafka Streams application's configuration: Streams instantiates the
     * processors itself, and its configuration is what it hands each one ({@link #of(ProcessorContext)}).
     */
    public static final String STREAMS_CONFIG_KEY = "deskpost.mail-metrics";

    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final ConcurrentMap<TransitionKey, Counter> transitions = new ConcurrentHashMap<>();
    private final ConcurrentMap<EventKey, Counter> events = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> smtp = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> duplicateWindow = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<String>, Timer> eventToSend = new ConcurrentHashMap<>();
    private final ConcurrentMap<ClaimOutcome, Counter> claims = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> ledgerLookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<String, Long>> parked = new ConcurrentHashMap<>();

    public MailMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts nothing: for code run without a registry (tests of topologies, tools). */
    public static MailMetrics none() {
        return new MailMetrics(new CompositeMeterRegistry());
    }

    /** The service's metrics, as its Streams configuration carries them; {@link #none()} when it carries none. */
    public static MailMetrics of(ProcessorContext<?, ?> context) {
        return context.appConfigs().get(STREAMS_CONFIG_KEY) instanceof MailMetrics metrics ? metrics : none();
    }

    /** Counts the transition an audit event records, by its type. */
    public void transition(AuditEvent audit) {
        Map<String, String> attributes = audit.getAttributes();
        String rule = audit.getType() == AuditType.SUPPRESSED
                ? ConsentGate.ruleKey(attributes.getOrDefault("rule", audit.getDetail())) : null;
        var key = new TransitionKey(audit.getType(), lower(attributes.get("category")), orNone(audit.getLocationId()),
                orNone(attributes.get("event_type")), rule);
        transitions.computeIfAbsent(key, this::transitionCounter).increment();
    }

    /** Counts an event read from {@code topic}; {@code location} is null when the event could not be read. */
    public void eventIn(String topic, Outcome outcome, String location) {
        events.computeIfAbsent(new EventKey(topic, outcome, orNone(location)), key -> Counter.builder(EVENTS_IN)
                .description("Events entering a Deskpost topology, by source topic and outcome")
                .tags(TOPIC, key.topic(), OUTCOME, key.outcome().tag(), LOCATION, key.location())
                .register(registry)).increment();
    }

    /** Records one SMTP send; {@code outcome} is {@code sent}, {@code transient} or {@code permanent}. */
    public void smtpSend(long nanos, String outcome) {
        smtp.computeIfAbsent(outcome, tag -> Timer.builder(SMTP_SEND)
                .description("SMTP send latency: the relay's round trip for one message")
                .tags(OUTCOME, tag)
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Records how long a send stayed unrecorded; {@code from} is {@code claim} (claim to ledger commit) or
     * {@code accepted} (the relay's 250 to ledger commit).
     */
    public void duplicateWindow(String from, long nanos) {
        duplicateWindow.computeIfAbsent(from, tag -> Timer.builder(DUPLICATE_WINDOW)
                .description("Time a send is claimed or accepted by the relay but not yet in the ledger")
                .tags(FROM, tag)
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Records the time from a facility event to the relay's acceptance of its mail. {@code held}: the draft waited
     * for a person (released in a gated mode), so it is kept apart from the automatic path. A clock behind the
     * facility system's counts as 0, not as a negative time.
     */
    public void eventToSend(String category, String lane, boolean held, Duration elapsed) {
        eventToSend.computeIfAbsent(List.of(lower(category), lower(lane), Boolean.toString(held)), tags ->
                Timer.builder(EVENT_TO_SEND)
                        .description("From the facility event's occurred_at to the SMTP relay's 250 for its mail")
                        .tags(CATEGORY, tags.get(0), LANE, tags.get(1), HELD, tags.get(2))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(EVENT_TO_SEND_MINIMUM)
                        .maximumExpectedValue(Duration.ofHours(25))
                        .serviceLevelObjectives(EVENT_TO_SEND_SLOS)
                        .register(registry)).record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    /** Counts one query of the ledger's "already sent?": {@code scope} {@code poll} or {@code record}. */
    public void ledgerLookup(String scope) {
        ledgerLookups.computeIfAbsent(scope, key -> Counter.builder(LEDGER_LOOKUPS)
                .description("Queries of the idempotency ledger's already-sent, per poll or per record")
                .tags(SCOPE, key)
                .register(registry)).increment();
    }

    /** Counts what a claim before a send found. */
    public void claim(ClaimOutcome outcome) {
        claims.computeIfAbsent(outcome, key -> Counter.builder(CLAIMS)
                .description("Claims of (draft, recipient) before the SMTP transaction, by what they found")
                .tags(OUTCOME, key.tag())
                .register(registry)).increment();
    }

    /**
     * Sets how many records of {@code topic} one task holds parked waiting for the directory. Set, not added:
     * a task re-initialised after a crash reports its count afresh and the gauge never drifts.
     */
    public void parked(String topic, String task, long count) {
        Map<String, Long> byTask = parked.computeIfAbsent(topic, name -> {
            Map<String, Long> tasks = new ConcurrentHashMap<>();
            Gauge.builder(DIRECTORY_PARKED, tasks, counts -> counts.values().stream().mapToLong(Long::longValue).sum())
                    .description("Records parked until the directory has their member or location, by source topic")
                    .tags(TOPIC, name)
                    .register(registry);
            return tasks;
        });
        if (count == 0) {
            byTask.remove(task);
        } else {
            byTask.put(task, count);
        }
    }

    private Counter transitionCounter(TransitionKey key) {
        Counter.Builder builder = Counter.builder(MAIL_PREFIX + key.type().name().toLowerCase(Locale.ROOT))
                .description("Drafts that passed the " + key.type() + " transition (one per audit event)")
                .tags(CATEGORY, key.category(), LOCATION, key.location(), EVENT_TYPE, key.eventType());
        if (key.rule() != null) {
            builder.tag(RULE, key.rule());
        }
        return builder.register(registry);
    }

    private static String lower(String value) {
        return value == null ? NONE : value.toLowerCase(Locale.ROOT);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    private record TransitionKey(AuditType type, String category, String location, String eventType, String rule) {
    }

    private record EventKey(String topic, Outcome outcome, String location) {
    }
}
