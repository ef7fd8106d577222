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
 */
@ConfigurationProperties("deskpost.outbox")
public record OutboxProperties(String service, Duration pollInterval, Integer batchSize) {

    public OutboxProperties {
        if (service == null || !service.matches("[a-z][a-z-]*")) {
            throw new IllegalArgumentException("deskpost.outbox.service must be a service's short name, e.g. delivery");
        }
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        batchSize = batchSize == null ? 500 : batchSize;
    }

    public Topic<SpecificRecord> progressTopic() {
        return Topics.outboxProgress(service);
    }

    public String transactionalId() {
        return "deskpost-" + service + "-outbox-relay";
    }
}
