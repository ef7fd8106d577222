package com.deskpost.delivery.sending;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP relay's rate limit, one for every delivery instance sending through that relay: N instances together
 * send at the provider's limit, not N times it. It is a Bucket4j token bucket kept in PostgreSQL (table
 * {@code relay_rate_limit}, one row per relay host and port, so a second relay gets a bucket of its own), changed
 * under the row's lock ({@code SELECT ... FOR UPDATE}). The bucket holds {@code deskpost.delivery.rate-burst}
 * permits and refills at {@code deskpost.delivery.rate-per-second}, greedily: in any window of T seconds all
 * instances together start at most burst + rate × T messages. A take that finds the bucket empty reserves the next
 * permit and sleeps here until its time, so waits are served in the order they reached the database.
 * <p>
 * A transaction per message would cost more than the message (three statements and a lock every sender queues on),
 * so while the bucket has permits a sending thread takes up to {@code deskpost.delivery.rate-ahead} of them at once
 * ({@code tryConsumeAsMuchAsPossible}) and uses the rest for its next messages, for at most {@link #HOLD}; what it
 * has not used by then lapses (counted as sent, so the bound can only be undershot by it). A thread that finds the
 * bucket empty takes one permit and waits for it as above, behind every earlier waiter. So in any T seconds all
 * instances together start at most burst + rate × T + (rate-ahead − 1) messages per sending thread; rate-ahead 1
 * makes the bound exact. Not Bucket4j's batching: in 8.18 a batch of merged takes fails
 * ({@code BucketNotFoundException}) instead of creating the bucket or replacing its settings, which would stall
 * sending whenever the row is new or an instance with newer settings starts under load.
 * <p>
 * PostgreSQL unavailable is not the mail's fault, and sending waits for it rather than fall back to a local share:
 * sending needs PostgreSQL anyway (the claim before the SMTP transaction, the ledger row after it), and a share of
 * 1/N would need N, which no instance knows. The take fails as a PostgreSQL failure, which every consumer waits out
 * (DESIGN §3); so does a take that waits longer than {@link #LOCK_WAIT} for the row, as behind an instance cut off
 * mid-transaction.
 * <p>
 * The settings of the instance started last hold for all (Bucket4j's implicit configuration replacement, versioned
 * by start time; tokens kept as they are, at most the new burst): a rolling change of the rate takes effect as the
 * first new instance sends. Instances' clocks are assumed NTP-synchronised: a clock δ ahead gains at most δ × rate
 * permits, once.
 */
@Component
public class SharedRelayRate implements RelayPermits {

    /** Longest wait for the bucket's row: live holders keep it for a few milliseconds. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    /** How long a thread keeps permits it took ahead: past this they lapse, so none is used long after it was taken. */
    static final Duration HOLD = Duration.ofMillis(100);

    private final String relay;
    private final Bucket bucket;
    private final int ahead;
    private final LongSupplier nanoTime;
    private final ThreadLocal<Held> held = ThreadLocal.withInitial(Held::new);
    private final LongAdder transactions = new LongAdder();

    @Autowired
    public SharedRelayRate(DataSource dataSource, JavaMailSenderImpl relay, DeliveryProperties properties) {
        this(dataSource, key(relay.getHost(), relay.getPort()), properties, System.currentTimeMillis());
    }

    /** @param settingsVersion the settings replace those in the bucket when it is higher than theirs: the start time */
    SharedRelayRate(DataSource dataSource, String relay, DeliveryProperties properties, long settingsVersion) {
        this(dataSource, relay, properties, settingsVersion, System::nanoTime);
    }

    /** @param nanoTime the clock permits taken ahead lapse by (tests move it instead of sleeping) */
    SharedRelayRate(DataSource dataSource, String relay, DeliveryProperties properties, long settingsVersion,
            LongSupplier nanoTime) {
        this.relay = relay;
        this.nanoTime = nanoTime;
        this.ahead = properties.rateAhead();
        BucketConfiguration limit = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(properties.rateBurst())
                        .refillGreedy(properties.ratePerSecond(), Duration.ofSeconds(1)).build())
                .build();
        ProxyManager<String> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("relay_rate_limit").idColumn("relay").stateColumn("state")
                .requestTimeout(LOCK_WAIT)
                .build();
        this.bucket = buckets.builder()
                .withImplicitConfigurationReplacement(settingsVersion, TokensInheritanceStrategy.AS_IS)
                .build(relay, () -> limit);
    }

    @Override
    public void take() {
        Held permits = held.get();
        if (permits.use()) {
            return;
        }
        try {
            long taken = 0;
            if (ahead > 1) {
                transactions.increment();
                taken = bucket.tryConsumeAsMuchAsPossible(ahead);
            }
            if (taken == 0) {
                transactions.increment();
                bucket.asBlocking().consume(1);
            } else {
                permits.keep(taken - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmtpFailure.Transient("Interrupted while waiting for the SMTP rate limit", -1, e);
        } catch (RuntimeException unavailable) {
            // Whatever the store's failure (connection, lock wait, the row), it is ours: classified PostgreSQL, waited out.
            throw new DataAccessResourceFailureException("The rate limit of SMTP relay " + relay
                    + " (PostgreSQL table relay_rate_limit) is not available: " + unavailable.getMessage(), unavailable);
        }
    }

    /** Transactions on the bucket's row so far (tests: permits taken ahead save them). */
    long transactions() {
        return transactions.sum();
    }

    /** The permits this thread took ahead and has not used, until they lapse. */
    private final class Held {

        private long left;
        private long until;

        boolean use() {
            if (left > 0 && nanoTime.getAsLong() - until < 0) {
                left--;
                return true;
            }
            left = 0;
            return false;
        }

        void keep(long permits) {
            left = permits;
            until = nanoTime.getAsLong() + HOLD.toNanos();
        }
    }

    /** The bucket's key: the relay's host, lower-cased, and its port when set. */
    static String key(String host, int port) {
        String name = host == null ? "localhost" : host.toLowerCase(Locale.ROOT);
        return port > 0 ? name + ":" + port : name;
    }
}
