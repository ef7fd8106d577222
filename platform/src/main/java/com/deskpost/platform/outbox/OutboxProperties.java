package com.deskpost.platform.outbox;

import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A service's outbox. Setting {@code service} turns it on; the relay's progress topic
 * ({@code deskpost.<service>.outbox-progress}) and transactional id ({@code deskpost-<service>-outbox-relay})
 * follow from it, each with its line in the Kafka ACL matrix.
 *
 * @param service the owning service's short name ({@code oversight}, {@code delivery})
 * @param pollInterval how often the relay looks for rows no commit woke it for (another instance's, a failed batch's)
 * @param batchSize most rows in one Kafka transaction
 * @param linger how long the relay waits after a commit wakes it, so the rows of commits close together share
 *     one Kafka transaction (each costs the broker a round of commit markers); 0 relays each commit at once
 * @param takeoverInterval how often a standby instance tries to take the relay's lock and the holder checks it
 *     still has it: a dead holder is replaced within about this long (plus the broker's fencing)
 * @param holderTimeout how long PostgreSQL keeps the lock of a holder it no longer hears from (a host that
 *     vanished without closing its socket): its {@code idle_session_timeout} on the lock's session
 * @param maxWait health {@code outboxRelay} is DOWN while a row has waited longer than this to be relayed
 */
@ConfigurationProperties("deskpost.outbox")
public record OutboxProperties(String service, Duration pollInterval, Integer batchSize, Duration linger,
        Duration takeoverInterval, Duration holderTimeout, Duration maxWait) {

    public OutboxProperties {
        if (service == null || !service.matches("[a-z][a-z-]*")) {
            throw new IllegalArgumentException("deskpost.outbox.service must be a service's short name, e.g. delivery");
        }
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        linger = linger == null ? Duration.ofMillis(25) : linger;
        takeoverInterval = takeoverInterval == null ? Duration.ofSeconds(1) : takeoverInterval;
        holderTimeout = holderTimeout == null ? Duration.ofSeconds(10) : holderTimeout;
        maxWait = maxWait == null ? Duration.ofMinutes(1) : maxWait;
        if (holderTimeout.compareTo(takeoverInterval.multipliedBy(2)) < 0) {
            // The holder's own checks keep its session from idling out: they must come well inside the timeout.
            throw new IllegalArgumentException("deskpost.outbox.holder-timeout must be at least twice takeover-interval");
        }
    }

    /** The defaults, for tests: service name and batch size given. */
    public static OutboxProperties of(String service, Duration pollInterval, int batchSize) {
        return new OutboxProperties(service, pollInterval, batchSize, null, null, null, null);
    }

    public Topic<SpecificRecord> progressTopic() {
        return Topics.outboxProgress(service);
    }

    public String transactionalId() {
        return "deskpost-" + service + "-outbox-relay";
    }
}
