package com.deskpost.oversight.dashboard;

import com.deskpost.oversight.queue.HoldQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples, every {@code deskpost.oversight.dashboard.interval}, the mail metrics of each configured service (its
 * {@code /actuator/prometheus}, with the actuator key) and oversight's own (in-process), into one
 * {@link MetricHistory} per source. Oversight's held queue is read from PostgreSQL at each sampling into the gauges
 * {@code deskpost.oversight.held.waiting} and {@code .held.oldest.age} by location, before its own metrics are read,
 * so Prometheus gets them too (as of the last sampling; absent while the database does not answer). Every replica samples on its own: each shows the same charts. A source
 * that does not answer is named on the page and logged once, until it answers again.
 */
@Component
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardSampler {

    static final String OVERSIGHT = "oversight";
    static final String WAITING = "deskpost_oversight_held_waiting";
    static final String OLDEST_AGE = "deskpost_oversight_held_oldest_age_seconds";

    private static final Logger log = LoggerFactory.getLogger(DashboardSampler.class);

    private final DashboardProperties properties;
    private final HoldQueue queue;
    private final ObjectProvider<PrometheusMeterRegistry> own;
    private final String actuatorKey;
    private final HttpClient http;
    private final MultiGauge waiting;
    private final MultiGauge oldestAge;
    private volatile Map<String, HoldQueue.Waiting> queued = Map.of();
    private volatile Instant queuedAt = Instant.EPOCH;
    private final Map<String, MetricHistory> histories = new LinkedHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    DashboardSampler(DashboardProperties properties, HoldQueue queue, ObjectProvider<PrometheusMeterRegistry> own,
            @Value("${deskpost.actuator.key}") String actuatorKey) {
        this.properties = properties;
        this.queue = queue;
        this.own = own;
        this.actuatorKey = actuatorKey;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        PrometheusMeterRegistry prometheus = own.getIfAvailable();
        MeterRegistry registry = prometheus != null ? prometheus : new SimpleMeterRegistry();
        waiting = MultiGauge.builder("deskpost.oversight.held.waiting")
                .description("Drafts waiting for a decision, by location, as of the dashboard's last sampling")
                .register(registry);
        oldestAge = MultiGauge.builder("deskpost.oversight.held.oldest.age").baseUnit("seconds")
                .description("How long the oldest draft waiting for a decision has waited, by location")
                .register(registry);
        histories.put(OVERSIGHT, history());
        properties.sources().keySet().forEach(name -> histories.put(name, history()));
    }

    private MetricHistory history() {
        return new MetricHistory(properties.capacity(), name -> name.startsWith("deskpost_mail_")
                || name.startsWith("deskpost_guardrails_") || name.startsWith("deskpost_oversight_held_"));
    }

    @Scheduled(fixedDelayString = "${deskpost.oversight.dashboard.interval:1m}")
    void sample() {
        Instant tick = Clock.systemUTC().instant();
        read(OVERSIGHT, () -> {
            gaugeQueue(tick);
            PrometheusMeterRegistry registry = own.getIfAvailable();
            return registry == null ? List.of() : PrometheusText.parse(registry.scrape());
        }, tick);
        properties.sources().forEach((name, url) -> read(name, () -> PrometheusText.parse(scrape(url)), tick));
    }

    private void gaugeQueue(Instant tick) {
        try {
            Map<String, HoldQueue.Waiting> read = new LinkedHashMap<>();
            queue.waitingByLocation().forEach(entry -> read.put(entry.locationId(), entry));
            queuedAt = tick;
            queued = read;
        } catch (RuntimeException unreadable) {
            queued = Map.of();
            throw unreadable;
        } finally {
            // The rows read this sampler (a bean, strongly held) rather than a boxed number a gauge would hold weakly.
            waiting.register(queued.keySet().stream().<Row<?>>map(location -> Row.of(Tags.of("location", location),
                    this, sampler -> sampler.waitingAt(location))).toList(), true);
            oldestAge.register(queued.keySet().stream().<Row<?>>map(location -> Row.of(Tags.of("location", location),
                    this, sampler -> sampler.oldestAgeAt(location))).toList(), true);
        }
    }

    private double waitingAt(String location) {
        HoldQueue.Waiting entry = queued.get(location);
        return entry == null ? Double.NaN : entry.count();
    }

    private double oldestAgeAt(String location) {
        HoldQueue.Waiting entry = queued.get(location);
        return entry == null ? Double.NaN : Math.max(0, Duration.between(entry.oldestHeldAt(), queuedAt).toSeconds());
    }

    private void read(String source, SampleReader reader, Instant tick) {
        try {
            histories.get(source).add(tick, reader.read());
            if (problems.remove(source) != null) {
                log.info("Dashboard source {} answers again", source);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (problems.put(source, problem) == null) {
                log.warn("Dashboard source {} could not be sampled; its charts miss this sampling until it answers",
                        source, e);
            }
        }
    }

    private String scrape(URI url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(properties.timeout())
                .header("Authorization", "Bearer " + actuatorKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode()
                    + (response.statusCode() == 401 ? " (is deskpost.actuator.key the same as the service's?)" : ""));
        }
        return response.body();
    }

    Map<String, MetricHistory> histories() {
        return Collections.unmodifiableMap(histories);
    }

    /** Sources whose last sampling failed, with why. */
    Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    private interface SampleReader {
        List<PrometheusText.Sample> read() throws Exception;
    }
}
