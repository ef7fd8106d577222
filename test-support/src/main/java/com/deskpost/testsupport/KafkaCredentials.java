package com.deskpost.testsupport;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How one principal logs in to a {@linkplain KafkaBroker#startSecure secure broker}: SASL SCRAM-SHA-512
 * over the broker's SASL_PLAINTEXT listener, the way a deployment passes it through the standard Kafka
 * client settings.
 */
public record KafkaCredentials(String bootstrapServers, String principal, String password) {

    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** {@code sasl.jaas.config}: the password is base64url, so it needs no quoting beyond the quotes. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";";
    }

    /** Kafka client properties, bootstrap servers included, for a producer, consumer, admin or Streams app. */
    public Map<String, Object> clientProperties() {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
    }

    /** The same as Spring Boot command-line arguments (standard Spring Kafka settings), bootstrap servers included. */
    public List<String> springArgs() {
        return List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.security.protocol=" + SECURITY_PROTOCOL,
                "--spring.kafka.properties.sasl.mechanism=" + MECHANISM,
                "--spring.kafka.properties.sasl.jaas.config=" + jaasConfig());
    }

    @Override
    public String toString() {
        return "KafkaCredentials[" + principal + " at " + bootstrapServers + "]";
    }
}
