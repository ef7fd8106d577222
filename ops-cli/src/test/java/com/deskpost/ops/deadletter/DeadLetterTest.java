package com.deskpost.ops.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.deadletter.CredentialRedaction;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void readsWhatTheServicesWrite() {
        // Given the headers a service writes when it dead-letters a record
        Headers headers = DeadLetterHeaders.describe(new RecordHeaders(), "facility.bookings", 2, 41L, 1_700_000_000_000L,
                new IllegalStateException("Unknown member M-NOBODY"));

        DeadLetter deadLetter = DeadLetter.of(headers).orElseThrow();

        assertThat(deadLetter.originalTopic()).isEqualTo("facility.bookings");
        assertThat(deadLetter.originalPartition()).isEqualTo(2);
        assertThat(deadLetter.originalOffset()).isEqualTo(41L);
        assertThat(deadLetter.originalTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(deadLetter.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(deadLetter.reason()).isEqualTo("Unknown member M-NOBODY");
        assertThat(deadLetter.redacted()).isFalse();
        assertThat(deadLetter.sourceTopic()).isEqualTo("facility.bookings");
    }

    @Test
    void aRecordDeadLetteredTwiceComesFromItsFirstOriginAndFailedForItsLastReason() {
        Headers first = DeadLetterHeaders.describe(new RecordHeaders(), "mail.outbound.retry-3", 1, 7L, 0L,
                new IllegalStateException("first"));
        Headers second = DeadLetterHeaders.describe(first, "elsewhere", 0, 99L, 0L, new IllegalStateException("last"));
        second.add(CredentialRedaction.HEADER, "credentials masked".getBytes(UTF_8));

        DeadLetter deadLetter = DeadLetter.of(second).orElseThrow();

        assertThat(deadLetter.originalTopic()).isEqualTo("mail.outbound.retry-3");
        assertThat(deadLetter.sourceTopic()).isEqualTo("mail.outbound");
        assertThat(deadLetter.originalOffset()).isEqualTo(7L);
        assertThat(deadLetter.reason()).isEqualTo("last");
        assertThat(deadLetter.redaction()).isEqualTo("credentials masked");
        assertThat(deadLetter.credentialsSealed()).isFalse();
    }

    @Test
    void aDeadLetterWhoseCredentialsAreSealedSaysSo() {
        Headers headers = DeadLetterHeaders.describe(new RecordHeaders(), "facility.access", 0, 3L, 0L,
                new IllegalStateException("Member M-9 is not in the directory"));
        headers.add(CredentialRedaction.HEADER, CredentialRedaction.SEALED.getBytes(UTF_8));

        DeadLetter deadLetter = DeadLetter.of(headers).orElseThrow();

        assertThat(deadLetter.redacted()).isTrue();
        assertThat(deadLetter.credentialsSealed()).isTrue();
    }

    @Test
    void aRecordWithoutOriginIsNoDeadLetter() {
        assertThat(DeadLetter.of(new RecordHeaders())).isEmpty();
    }

    @Test
    void headerValuesReadAsAPersonWould() {
        assertThat(HeaderValues.readable("kafka_original-partition", ByteBuffer.allocate(4).putInt(3).array()))
                .isEqualTo(3);
        assertThat(HeaderValues.readable("kafka_original-offset", ByteBuffer.allocate(8).putLong(12L).array()))
                .isEqualTo(12L);
        assertThat(HeaderValues.readable("note", "héllo".getBytes(UTF_8))).isEqualTo("héllo");
        assertThat(HeaderValues.readable("blob", new byte[] {0, 1, (byte) 0xff})).isEqualTo("base64:AAH/");
        assertThat(HeaderValues.readable("empty", null)).isNull();
    }
}
