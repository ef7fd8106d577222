package com.deskpost.bench;

import com.deskpost.access.AccessEventsApplication;
import com.deskpost.audit.AuditApplication;
import com.deskpost.billing.BillingEventsApplication;
import com.deskpost.booking.BookingEventsApplication;
import com.deskpost.community.CommunityEventsApplication;
import com.deskpost.delivery.DeliveryApplication;
import com.deskpost.devstack.FacilityPublisher;
import com.deskpost.devstack.LocalStack;
import com.deskpost.devstack.SampleFacility;
import com.deskpost.events.BookedResource;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.oversight.OversightApplication;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.Postgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every Deskpost service in this JVM on a LocalStack (broker, registry, PostgreSQL), delivering to
 * the bench's SMTP sink, and a booking system producing confirmations at a chosen rate. Each
 * booking yields two mails: the member's confirmation and the location staff's monitored copy.
 */
final class Pipeline implements AutoCloseable {

    static final int MAILS_PER_BOOKING = 2;
    private static final BookedResource DESK = SampleFacility.room("D-14", "Hot desk 14", ResourceKind.DESK);

    private final LocalStack stack;
    private final ConfigurableApplicationContext oversight;
    private final SinkServer sink;
    private final boolean guarantees;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerdes serdes;
    private final Map<String, Long> producedAt = new ConcurrentHashMap<>();
    private final AtomicLong produced = new AtomicLong();
    private ConfigurableApplicationContext delivery;
    private int bookings;

    /** @param guarantees exactly-once in every topology and the delivery ledger; off only to measure what they cost */
    Pipeline(Postgres postgres, SinkServer sink, boolean guarantees) {
        this.sink = sink;
        this.guarantees = guarantees;
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, postgres);
        producer = RelayBaseline.producer(stack.bootstrapServers());
        serdes = new AvroSerdes(new SchemaRegistryClient(stack.registryUrl()));
        seed();
        String[] streams = guarantees ? new String[0]
                : new String[] {"--spring.kafka.streams.properties.processing.guarantee=at_least_once"};
        services.add(stack.start(BookingEventsApplication.builder(), "booking-events", 0, streams));
        services.add(stack.start(BillingEventsApplication.builder(), "billing-events", 0, streams));
        services.add(stack.start(AccessEventsApplication.builder(), "access-events", 0, streams));
        services.add(stack.start(CommunityEventsApplication.builder(), "community-events", 0,
                with(streams, "--deskpost.community.inbound.smtp.port=0")));
        Postgres.Database oversightDb = stack.oversightDatabase();
        oversight = stack.start(OversightApplication.builder(), "oversight-service", 0,
                with(streams, datasource(oversightDb)));
        services.add(oversight);
        delivery = startDelivery();
        // The audit store, in its own database: the replay counts its SKIPPED_DUPLICATE rows.
        services.add(stack.start(AuditApplication.builder(), "audit-service", 0, datasource(stack.auditDatabase())));
    }

    private ConfigurableApplicationContext startDelivery(String... more) {
        Postgres.Database db = stack.deliveryDatabase();
        return stack.start(DeliveryApplication.builder(), "delivery-service", 0, with(with(datasource(db),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + sink.port(),
                // The sink is the limit under test, not a provider's quota.
                "--deskpost.delivery.rate-per-second=1000000",
                "--deskpost.delivery.idempotency-ledger=" + guarantees), more));
    }

    /** Delivery started again with these settings added (DKIM keys), or with none. */
    void restartDelivery(String... settings) {
        stopDelivery();
        delivery = startDelivery(settings);
    }

    /** The sender domains of the sample locations: the From domains DKIM signs for. */
    static List<String> senderDomains() {
        return SampleFacility.locations().stream()
                .map(location -> location.getSenderMailbox().substring(location.getSenderMailbox().indexOf('@') + 1))
                .distinct().toList();
    }

    /**
     * Delivery's own event-to-send histogram of automatic mail (held="false"), as Prometheus scrapes it: cumulative
     * counts by bucket upper bound in milliseconds, and the total under "count".
     */
    Histogram eventToSend() {
        MeterRegistry meters = delivery.getBean(MeterRegistry.class);
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double count = 0;
        for (Timer timer : meters.find(MailMetrics.EVENT_TO_SEND).tag(MailMetrics.HELD, "false").timers()) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            count += snapshot.count();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
            }
        }
        return new Histogram(buckets, count);
    }

    private void seed() {
        try (FacilityPublisher publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl())) {
            List<Location> locations = SampleFacility.locations();
            for (Location location : locations) {
                publisher.publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
            }
            for (int i = 0; i < 200; i++) {
                Location home = locations.get(i % locations.size());
                Member member = SampleFacility.member("B-" + i, "Bench Member " + i, "member" + i + "@bench.example",
                        "en-GB", home.getLocationId());
                members.add(member);
                publisher.publish(Topics.FACILITY_MEMBERS, member.getMemberId(), member);
            }
        }
    }

    /** Publishes one new booking; remembers when, under its confirmation's draft id, for latency. */
    void book() {
        Member member = members.get(bookings % members.size());
        String bookingId = "BENCH-" + bookings++;
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        BookingEvent event = SampleFacility.created(bookingId, member.getMemberId(), member.getLocationIds().get(0),
                DESK, start, start.plus(2, ChronoUnit.HOURS));
        String draftId = DraftIds.draftId(event.getHeader().getEventId(), "booking-confirmation", member.getEmail());
        producedAt.put(draftId, System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.FACILITY_BOOKINGS.name(), bookingId,
                serdes.serialize(Topics.FACILITY_BOOKINGS, event)));
        produced.incrementAndGet();
    }

    /** A booking event's bytes as the facility system sends them, for the relay baseline. */
    byte[] sampleBookingBytes() {
        Member member = members.get(0);
        return serdes.serialize(Topics.FACILITY_BOOKINGS, SampleFacility.created("BENCH-SAMPLE", member.getMemberId(),
                member.getLocationIds().get(0), DESK, Instant.now(), Instant.now().plusSeconds(3600)));
    }

    void flush() {
        producer.flush();
    }

    long produced() {
        return produced.get();
    }

    /** Latencies (ms) of the confirmations produced since the last call whose mail has arrived; forgets them. */
    List<Double> drainLatencies() {
        List<Double> out = new ArrayList<>();
        for (var entry : producedAt.entrySet()) {
            Long accepted = sink.acceptedAt(entry.getKey());
            if (accepted != null) {
                out.add((accepted - entry.getValue()) / 1e6);
            }
        }
        producedAt.clear();
        sink.forgetAcceptTimes();
        return out;
    }

    LocalStack stack() {
        return stack;
    }

    /** Oversight's attestation of released mail: this pipeline's services are its own, not the stack's. */
    ReleaseAttestation releaseAttestation() {
        return oversight.getBean(ReleaseAttestation.class);
    }

    ConfigurableApplicationContext delivery() {
        return delivery;
    }

    void stopDelivery() {
        delivery.close();
        delivery = null;
    }

    void startDeliveryAgain() {
        delivery = startDelivery();
    }

    List<Member> members() {
        return members;
    }

    long auditRows(String type) {
        Postgres.Database db = stack.auditDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                ResultSet rows = connection.createStatement()
                        .executeQuery("select count(*) from audit_log where type = '" + type + "'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count audit rows", e);
        }
    }

    private static String[] datasource(Postgres.Database db) {
        return new String[] {"--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password()};
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Override
    public void close() {
        producer.close();
        if (delivery != null) {
            delivery.close();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        stack.close();
    }
}
