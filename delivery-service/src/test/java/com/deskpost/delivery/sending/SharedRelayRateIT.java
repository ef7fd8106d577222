package com.deskpost.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.failure.Failures;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.testsupport.Postgres;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The relay's rate limit holds for all delivery instances together: two instances, each with its own
 * {@link SmtpSender}, its own Bucket4j client and its own connections, on one PostgreSQL database and one
 * GreenMail relay, sending at once. And PostgreSQL away stops sending, as a PostgreSQL failure (which consumers
 * wait out), with nothing sent, until it is back.
 */
class SharedRelayRateIT {

    private static final int RATE = 10;
    private static final int BURST = 4;
    private static final int THREADS_PER_INSTANCE = 3;

    private GreenMail relay;
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

    private record Arrival(String recipient, long nanos) {
    }

    @BeforeEach
    void startRelay() {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        // When each message arrived, to the nanosecond: what the relay's own rate limit would count.
        MessageDeliveryHandler inbox = relay.getUserManager().getMessageDeliveryHandler();
        relay.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            var user = inbox.handle(message, recipient);
            arrivals.add(new Arrival(recipient.getEmail(), System.nanoTime()));
            return user;
        });
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void twoInstancesSendingAtOnceStayTogetherWithinTheRelaysRate() throws Exception {
        // Given two delivery instances on one database and one relay: 10 mails a second, a burst of 4
        Postgres.Database database = migrated(Postgres.shared());
        List<SmtpSender> instances = List.of(instance(database), instance(database));
        // and, ahead of the mails measured, enough to spend the burst and open each instance's connection
        // (so the first measured mail is not slowed by a connection its last one does not need)
        int warmUp = BURST + 2;
        int mails = 30;
        Queue<String> recipients = new ConcurrentLinkedQueue<>();
        IntStream.range(0, warmUp).forEach(i -> recipients.add("warm-up" + i + "@example.com"));
        IntStream.range(0, mails).forEach(i -> recipients.add("member" + i + "@example.com"));

        // When both send them, three threads each, taking the next recipient as soon as their last mail is sent
        Map<Integer, AtomicInteger> sentBy = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(instances.size() * THREADS_PER_INSTANCE);
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < instances.size() * THREADS_PER_INSTANCE; thread++) {
            int instance = thread % instances.size();
            work.add(threads.submit(() -> {
                for (String to = recipients.poll(); to != null; to = recipients.poll()) {
                    instances.get(instance).send(message(instances.get(instance), to));
                    if (to.startsWith("member")) {
                        sentBy.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        // Then every mail arrived, once, and both instances sent their share
        List<Arrival> measured = arrivals.stream().filter(arrival -> arrival.recipient().startsWith("member")).toList();
        assertThat(measured).extracting(Arrival::recipient).doesNotHaveDuplicates().hasSize(mails);
        assertThat(sentBy.keySet()).containsExactlyInAnyOrder(0, 1);
        assertThat(sentBy.values()).allSatisfy(count -> assertThat(count.get()).isPositive());
        // And together they were never faster than the relay's rate: however full the bucket was when the first of
        // them went, the last could not go before (mails - burst) / rate seconds after it
        long first = measured.stream().mapToLong(Arrival::nanos).min().orElseThrow();
        long last = measured.stream().mapToLong(Arrival::nanos).max().orElseThrow();
        Duration floor = Duration.ofMillis(1000L * (mails - BURST) / RATE);
        assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(floor);
        // And the bucket is the relay's: one row, keyed by its host and port
        assertThat(new JdbcTemplate(dataSource(database)).queryForList("select relay from relay_rate_limit", String.class))
                .containsExactly("127.0.0.1:" + relay.getSmtp().getServerSetup().getPort());
    }

    @Test
    void whileTheBucketHasPermitsEachThreadTakesABlockInOneTransaction() throws Exception {
        // Given two instances on a bucket of 400 a second that holds more than they will take, each thread taking up
        // to 10 at once
        List<SharedRelayRate> instances = twoInstancesTakingTenAhead(1000);

        // When six threads take 600 permits between them
        List<Long> takenAt = takeAtOnce(instances, 600);

        // Then every one was given, in about a tenth as many transactions on the bucket's row (a block whose thread
        // was held up past the hold lapses, so a few more on a busy machine)
        assertThat(takenAt).hasSize(600);
        long transactions = instances.stream().mapToLong(SharedRelayRate::transactions).sum();
        assertThat(transactions).isBetween(60L, 120L);
    }

    @Test
    void atTheLimitPermitsTakenAheadKeepTheBoundWithinOneBlockPerThread() throws Exception {
        // Given two instances on a bucket of 400 a second with a burst of 40, each thread taking up to 10 at once
        List<SharedRelayRate> instances = twoInstancesTakingTenAhead(40);
        int threadCount = instances.size() * THREADS_PER_INSTANCE;

        // When six threads take 600 permits between them, as fast as the bucket gives them
        List<Long> takenAt = takeAtOnce(instances, 600);

        // Then together they stayed within burst + rate x T + 9 per thread: the last permit no sooner than that allows
        assertThat(takenAt).hasSize(600);
        long first = takenAt.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = takenAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        Duration floor = Duration.ofMillis(1000L * (600 - 40 - threadCount * 9) / 400);
        assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(floor);
    }

    /** Two instances on one database's bucket for one relay, 400 a second, each thread taking up to 10 at once. */
    private static List<SharedRelayRate> twoInstancesTakingTenAhead(int burst) {
        Postgres.Database database = migrated(Postgres.shared());
        DeliveryProperties settings = new DeliveryProperties(400, null, null, "test-secret", true, null, null, burst, 10);
        return List.of(new SharedRelayRate(dataSource(database), "relay.example:587", settings, 1),
                new SharedRelayRate(dataSource(database), "relay.example:587", settings, 1));
    }

    /** Three threads per instance take {@code permits} between them; when each was given ({@link System#nanoTime}). */
    private static List<Long> takeAtOnce(List<SharedRelayRate> instances, int permits) throws Exception {
        AtomicInteger left = new AtomicInteger(permits);
        Queue<Long> takenAt = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(instances.size() * THREADS_PER_INSTANCE);
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < instances.size() * THREADS_PER_INSTANCE; thread++) {
            SharedRelayRate instance = instances.get(thread % instances.size());
            work.add(threads.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    instance.take();
                    takenAt.add(System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();
        return List.copyOf(takenAt);
    }

    @Test
    void permitsTakenAheadLapseUnusedAfterTheirHold() {
        // Given a thread that took a block of permits for one message and used one more just within the hold
        DeliveryProperties settings = new DeliveryProperties(1000, null, null, "test-secret", true, null, null, null,
                10);
        AtomicLong now = new AtomicLong();
        SharedRelayRate rate = new SharedRelayRate(dataSource(migrated(Postgres.shared())), "relay.example:25",
                settings, 1, now::get);
        rate.take();
        now.addAndGet(SharedRelayRate.HOLD.toNanos() - 1);
        rate.take();
        assertThat(rate.transactions()).isEqualTo(1);

        // When its next message comes after the hold
        now.addAndGet(2);
        rate.take();

        // Then it went to the bucket again rather than use a permit taken long before
        assertThat(rate.transactions()).isEqualTo(2);
    }

    @Test
    void whilePostgresqlIsDownNothingIsSentAndTheFailureIsOneToWaitOut() throws Exception {
        try (Postgres postgres = Postgres.startLocal(0)) {
            // Given an instance that has sent through the shared limit
            SmtpSender sender = instance(migrated(postgres));
            sender.send(message(sender, "before@example.com"));

            // When PostgreSQL stops, a mail cannot take its permit
            postgres.stopServer();
            assertThatThrownBy(() -> sender.send(message(sender, "during@example.com")))
                    // Then the failure is PostgreSQL's: the consumer holding the mail waits and retries, never
                    // dead-letters it
                    .satisfies(failure -> assertThat(Failures.classify(failure)).isEqualTo(Failure.POSTGRESQL))
                    .hasMessageContaining("relay_rate_limit");
            // And nothing went to the relay: no mail leaves without a permit
            assertThat(arrivals).extracting(Arrival::recipient).containsExactly("before@example.com");

            // When PostgreSQL is back, the same mail is sent on its retry
            postgres.startServer();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                sender.send(message(sender, "during@example.com"));
                return true;
            });
            assertThat(arrivals).extracting(Arrival::recipient).containsExactly("before@example.com", "during@example.com");
        }
    }

    /** One delivery instance's sender: its own data source, Bucket4j client and SMTP connections. */
    private SmtpSender instance(Postgres.Database database) {
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(relay.getSmtp().getServerSetup().getPort());
        DeliveryProperties settings = new DeliveryProperties(RATE, Duration.ofSeconds(20), "http://localhost:8085",
                "test-secret", true, null, null, BURST, null);
        return new SmtpSender(smtp, settings, new MailMetrics(new SimpleMeterRegistry()),
                new SharedRelayRate(dataSource(database), smtp, settings));
    }

    private static Postgres.Database migrated(Postgres postgres) {
        Postgres.Database database = postgres.createDatabase("relay_rate");
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration/delivery").load().migrate();
        return database;
    }

    private static DataSource dataSource(Postgres.Database database) {
        return new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    }

    private static MimeMessage message(SmtpSender sender, String to) throws MessagingException {
        MimeMessage message = sender.newMessage();
        message.setFrom("front-desk@example.com");
        message.setRecipients(MimeMessage.RecipientType.TO, to);
        message.setSubject("Your booking");
        message.setText("See you at the front desk.");
        message.saveChanges();
        return message;
    }
}
