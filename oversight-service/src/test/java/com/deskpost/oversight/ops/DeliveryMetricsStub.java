package com.deskpost.oversight.ops;

import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.testfixtures.DraftBuilder;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivery's {@code /actuator/prometheus} for the dashboard's tests: oversight may not depend on delivery's module,
 * so the metrics are counted here by the same {@link MailMetrics} delivery counts with, into a real Prometheus
 * registry, and served in its text format behind the development actuator key, as delivery serves them. It counts
 * the scrapes it answered, so a test can show the dashboard sampled it.
 */
final class DeliveryMetricsStub implements AutoCloseable {

    static final String ACTUATOR_KEY = "dev-only-actuator-key";

    private final HttpServer server;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MailMetrics metrics = new MailMetrics(registry);
    private final AtomicInteger scrapes = new AtomicInteger();
    private final AtomicReference<Double> bounceRate = new AtomicReference<>(0.0);

    private DeliveryMetricsStub(HttpServer server) {
        this.server = server;
        Gauge.builder("deskpost.guardrails.bounce.rate", bounceRate, AtomicReference::get)
                .tag("sender_domain", "deskpost.example").register(registry);
    }

    static DeliveryMetricsStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DeliveryMetricsStub stub = new DeliveryMetricsStub(server);
            server.createContext("/actuator/prometheus", exchange -> {
                boolean keyed = ("Bearer " + ACTUATOR_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (keyed ? stub.registry.scrape() : "{\"error\":\"unauthorized\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (keyed) {
                    stub.scrapes.incrementAndGet();
                }
                exchange.sendResponseHeaders(keyed ? 200 : 401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the metrics stub", e);
        }
    }

    /** One mail sent at the location, as delivery counts it: its SENT transition and its time from the event. */
    void sent(String location, EmailCategory category, Duration fromEvent, boolean held) {
        var draft = DraftBuilder.aDraft().id(UUID.randomUUID().toString()).at(location).category(category).build();
        metrics.transition(AuditEvents.of(draft, AuditType.SENT, "delivery-service").build());
        metrics.eventToSend(category.name(), category == EmailCategory.SECURITY ? "priority" : "standard", held,
                fromEvent);
    }

    void failed(String location) {
        var draft = DraftBuilder.aDraft().id(UUID.randomUUID().toString()).at(location).build();
        metrics.transition(AuditEvents.of(draft, AuditType.FAILED, "delivery-service").build());
    }

    void bounceRate(double rate) {
        bounceRate.set(rate);
    }

    int scrapes() {
        return scrapes.get();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/prometheus";
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }
}
