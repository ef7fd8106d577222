package com.deskpost.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Every Kafka Streams application gets its internal topics' replicas, their min.insync.replicas and its standby
 * replicas from the platform's settings, over whatever its own settings file says.
 */
class StreamsReplicationTest {

    @Test
    void aThreeBrokerDeploymentReplicatesChangelogsThreeTimesWithTwoInSyncAndOneStandby() {
        // Given a service whose own Streams settings still ask for one replica
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "deskpost-test", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092",
                StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)));

        // When the platform configures it for three replicas and one standby
        new PlatformAutoConfiguration().kafkaReplicationForStreams(PlatformProperties.of(null, (short) 3, null, 1))
                .configure(factory);

        // Then Streams reads: changelogs and repartition topics with 3 replicas, min.insync.replicas 2, one standby
        StreamsConfig streams = new StreamsConfig(factory.getStreamsConfiguration());
        assertThat(streams.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(streams.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(streams.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX)).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void aSingleBrokerLeavesMinInsyncReplicasToTheBrokerAndKeepsNoStandby() {
        Properties config = new Properties();
        config.putAll(PlatformProperties.of(null, null, null, null).streamsReplication());

        assertThat(config).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0)
                .doesNotContainKey(StreamsConfig.TOPIC_PREFIX + "min.insync.replicas");
    }
}
