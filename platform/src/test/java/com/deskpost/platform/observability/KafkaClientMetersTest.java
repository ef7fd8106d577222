package com.deskpost.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A consumer's fetch meters as Micrometer's Kafka binder registers them, through the filter every service has. */
class KafkaClientMetersTest {

    private static final String FETCH = "kafka.consumer.fetch.manager.";
    private static final Tags CLIENT = Tags.of("client.id", "consumer-deskpost-delivery-1");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @BeforeEach
    void filter() {
        registry.config().meterFilter(new KafkaClientMeters());
    }

    @Test
    void aPartitionsLagIsExportedUnderItsTopicsNameAndNotAgainUnderKafkasUnderscoredCopy() {
        register("records.lag.max", CLIENT.and("topic", "mail.outbound", "partition", "3"), 7);
        register("records.lag", CLIENT.and("topic", "mail.outbound", "partition", "3"), 5);
        register("records.lag.max", CLIENT.and("topic", "mail_outbound", "partition", "3"), 7);
        register("bytes.consumed.total", CLIENT.and("topic", "mail_outbound"), 900);

        String scrape = registry.scrape();

        assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max{"
                + "client_id=\"consumer-deskpost-delivery-1\",partition=\"3\",topic=\"mail.outbound\"} 7.0");
        assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag{").doesNotContain("mail_outbound");
    }

    @Test
    void theLeadAverageLagAndReadReplicaAreLeftOutPerPartitionAndWholeClient() {
        Tags partition = CLIENT.and("topic", "mail.outbound", "partition", "3");
        for (String name : new String[] {"records.lead", "records.lead.avg", "records.lead.min", "records.lag.avg",
            "preferred.read.replica"}) {
            register(name, partition, 1);
        }
        register("records.lead.min", CLIENT, 2);

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void wholeClientAndPerTopicMetersStay() {
        register("records.lag.max", CLIENT, 9);
        register("fetch.latency.avg", CLIENT, 3);
        register("bytes.consumed.total", CLIENT.and("topic", "mail.outbound"), 900);
        Gauge.builder("kafka.producer.topic.record.send.total", () -> 4).tags(CLIENT.and("topic", "audit_log"))
                .register(registry);

        assertThat(registry.getMeters()).hasSize(4);
    }

    private void register(String name, Tags tags, double value) {
        Gauge.builder(FETCH + name, () -> value).tags(tags).register(registry);
    }
}
