package com.deskpost.ops.redrive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.ops.OpsFailure;
import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class SendBackTest {

    private static final Map<String, Integer> CLUSTER = Map.of("facility.bookings", 3, "facility.access", 3, "mail.outbound", 3,
            "elsewhere", 1);

    private static SendBack sendBack(String to, String reasonContains, boolean includeRedacted) {
        return new SendBack(new RedriveSettings("facility.bookings.dlq", to, false, Long.MAX_VALUE, reasonContains,
                RedriveSettings.DEFAULT_GROUP, includeRedacted, 100), CLUSTER::get);
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(byte[] value, Headers headers) {
        return new ConsumerRecord<>("facility.bookings.dlq", 1, 17L, 0L, TimestampType.CREATE_TIME, 0, 0,
                "B-1".getBytes(UTF_8), value, headers, Optional.empty());
    }

    private static Headers from(String topic, int partition, String reason) {
        Headers original = new RecordHeaders();
        original.add("traceparent", "00-abc-01".getBytes(UTF_8));
        original.add("retry_topic-attempts", new byte[] {0, 0, 0, 12});
        return DeadLetterHeaders.describe(original, topic, partition, 40L, 0L, new IllegalStateException(reason));
    }

    @Test
    void aDeadLetterGoesBackToItsOriginalTopicAndPartitionMarkedAsRedriven() {
        ConsumerRecord<byte[], byte[]> record = deadLetter("bytes".getBytes(UTF_8),
                from("facility.bookings", 2, "Unknown member M-1"));
        SendBack sendBack = sendBack(null, null, false);

        Outcome outcome = sendBack.decide(record);
        ProducerRecord<byte[], byte[]> out = sendBack.record(record, outcome);

        assertThat(outcome.redriven()).isTrue();
        assertThat(out.topic()).isEqualTo("facility.bookings");
        assertThat(out.partition()).isEqualTo(2);
        assertThat(out.key()).isEqualTo("B-1".getBytes(UTF_8));
        assertThat(out.value()).isEqualTo("bytes".getBytes(UTF_8));
        assertThat(new String(out.headers().lastHeader(SendBack.FROM_OFFSET).value(), UTF_8)).isEqualTo("17");
        assertThat(new String(out.headers().lastHeader(SendBack.FROM_PARTITION).value(), UTF_8)).isEqualTo("1");
        assertThat(out.headers().lastHeader("traceparent")).isNotNull();
        assertThat(out.headers().lastHeader("kafka_original-topic")).isNull();
        assertThat(out.headers().lastHeader("kafka_exception-message")).isNull();
        assertThat(out.headers().lastHeader("retry_topic-attempts")).isNull();
    }

    @Test
    void aRetryTopicsDeadLetterGoesBackToTheLanesMainTopic() {
        ConsumerRecord<byte[], byte[]> record = deadLetter(new byte[] {1}, from("mail.outbound.retry-5", 0, "421"));
        SendBack sendBack = sendBack(null, null, false);

        ProducerRecord<byte[], byte[]> out = sendBack.record(record, sendBack.decide(record));

        assertThat(out.topic()).isEqualTo("mail.outbound");
    }

    @Test
    void toSendsElsewhereAndLetsTheKeyChooseThePartition() {
        ConsumerRecord<byte[], byte[]> record = deadLetter(new byte[] {1}, from("facility.bookings", 2, "x"));
        SendBack sendBack = sendBack("elsewhere", null, false);

        ProducerRecord<byte[], byte[]> out = sendBack.record(record, sendBack.decide(record));

        assertThat(out.topic()).isEqualTo("elsewhere");
        assertThat(out.partition()).isNull();
    }

    @Test
    void aRecordWhoseCredentialsAreSealedIsRedrivenAndLosesTheNote() {
        // Given a door-code event dead-lettered with its code sealed: redriven, delivery opens the code
        Headers sealed = from("facility.access", 1, "Member NOBODY is not in the directory");
        sealed.add(CredentialRedaction.HEADER, CredentialRedaction.SEALED.getBytes(UTF_8));
        ConsumerRecord<byte[], byte[]> record = deadLetter(new byte[] {1}, sealed);
        SendBack sendBack = sendBack(null, null, false);

        Outcome outcome = sendBack.decide(record);
        ProducerRecord<byte[], byte[]> out = sendBack.record(record, outcome);

        assertThat(outcome.redriven()).isTrue();
        assertThat(out.topic()).isEqualTo("facility.access");
        assertThat(out.value()).isEqualTo(new byte[] {1});
        assertThat(out.headers().lastHeader(CredentialRedaction.HEADER)).isNull();
    }

    @Test
    void maskedWithheldUnfilteredAndOriginlessRecordsAreSkippedWithWhy() {
        Headers masked = from("facility.bookings", 0, "x");
        masked.add(CredentialRedaction.HEADER, CredentialRedaction.MASKED.getBytes(UTF_8));
        Headers withheld = from("facility.bookings", 0, "x");
        withheld.add(CredentialRedaction.HEADER, "value withheld".getBytes(UTF_8));

        assertThat(sendBack(null, null, false).decide(deadLetter(new byte[] {1}, masked)).skipped())
                .isEqualTo(SendBack.MASKED);
        assertThat(sendBack(null, null, true).decide(deadLetter(new byte[] {1}, masked)).redriven()).isTrue();
        assertThat(sendBack(null, null, true).decide(deadLetter(new byte[0], withheld)).skipped())
                .isEqualTo(SendBack.WITHHELD);
        assertThat(sendBack(null, "Unknown location", false)
                .decide(deadLetter(new byte[] {1}, from("facility.bookings", 0, "Unknown member"))).skipped())
                .isEqualTo(SendBack.FILTERED);
        assertThat(sendBack(null, null, false).decide(deadLetter(new byte[] {1}, new RecordHeaders())).skipped())
                .isEqualTo(SendBack.NO_ORIGIN);
        assertThat(sendBack("elsewhere", null, false).decide(deadLetter(new byte[] {1}, new RecordHeaders()))
                .redriven()).isTrue();
    }

    @Test
    void aTargetTheClusterDoesNotHaveStopsTheRun() {
        ConsumerRecord<byte[], byte[]> record = deadLetter(new byte[] {1}, from("facility.gone", 0, "x"));

        assertThatThrownBy(() -> sendBack(null, null, false).decide(record))
                .isInstanceOfSatisfying(OpsFailure.class, f -> assertThat(f.exitCode()).isEqualTo(OpsFailure.USAGE))
                .hasMessageContaining("facility.gone, which does not exist");
    }
}
