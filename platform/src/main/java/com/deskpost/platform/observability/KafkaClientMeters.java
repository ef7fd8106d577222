package com.deskpost.platform.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * Which of a Kafka consumer's fetch meters each service exports. A delivery instance has some fifty consumers, most
 * with twelve partitions, and Kafka reports seven meters per partition, each twice: under the topic's name and again
 * with its periods replaced by underscores (a copy Kafka deprecates, KIP-1109). Left out: the underscored copies
 * (Deskpost's topic names have periods and never underscores, so a topic label with underscores and no period is
 * Kafka's copy) and the per-partition lead, average lag and read replica, 4,861 of delivery's 12,898 series in
 * {@code ObservabilityIT}'s scrape. The lead's whole-client minimum goes too: Micrometer's binder drops a whole-client
 * meter once a per-partition meter of its name comes, so with the per-partition ones denied it came and went between
 * the binder's scans. The per-partition lag and maximum lag stay, as does every other whole-client and per-topic meter.
 */
public final class KafkaClientMeters implements MeterFilter {

    private static final String FETCH_MANAGER = "kafka.consumer.fetch.manager.";
    /** Meters nobody reads from Deskpost, per partition or whole-client: lag and its maximum are what it reads. */
    private static final Set<String> UNREAD = Set.of("records.lead", "records.lead.avg",
            "records.lead.min", "records.lag.avg", "preferred.read.replica");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (!id.getName().startsWith(FETCH_MANAGER)) {
            return MeterFilterReply.NEUTRAL;
        }
        String topic = id.getTag("topic");
        if (topic != null && topic.indexOf('_') >= 0 && topic.indexOf('.') < 0) {
            return MeterFilterReply.DENY;
        }
        if (UNREAD.contains(id.getName().substring(FETCH_MANAGER.length()))) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }
}
