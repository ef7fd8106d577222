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
 */
@ConfigurationProperties("deskpost.outbox")
public record OutboxProperties(String service, Duration pollInterval, Integer batchSize, Duration linger) {

    public OutboxProperties {
        if (service == null || !service.matches("[a-z][a-z-]*")) {
            throw new IllegalArgumentException("deskpost.outbox.service must be a service's short name, e.g. delivery");
        }
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        linger = linger == null ? Duration.ofMillis(25) : linger;
    }

    public Topic<SpecificRecord> progressTopic() {
        return Topics.outboxProgress(service);
    }

    public String transactionalId() {
        return "deskpost-" + service + "-outbox-relay";
    }
}
