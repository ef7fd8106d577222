package com.deskpost.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/** A record Streams cannot write goes to the sink's dead letters with the reason; a broker hiccup is retried. */
class DeadLetteringProductionExceptionHandlerTest {

    private final DeadLetteringProductionExceptionHandler handler = new DeadLetteringProductionExceptionHandler();
    private final ErrorHandlerContext source = new Source();

    DeadLetteringProductionExceptionHandlerTest() {
        handler.configure(Map.of());
    }

    @Test
    void aRecordTooLargeIsDeadLetteredToTheSinksDlqWithTheReasonAndTheSourcePosition() {
        var record = new ProducerRecord<>("mail.drafts", null, 1L, bytes("draft-1"), new byte[2_000_000],
                new RecordHeaders());

        var response = handler.handleError(source, record, new RecordTooLargeException("The message is 2000100 bytes"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("mail.drafts.dlq");
            assertThat(dead.key()).isEqualTo(bytes("draft-1"));
            Headers headers = dead.headers();
            assertThat(DeadLetterHeaders.reason(headers)).isEqualTo("The message is 2000100 bytes");
            assertThat(new String(headers.lastHeader(KafkaHeaders.ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo("facility.bookings");
        });
    }

    @Test
    void aBrokerWithoutEnoughReplicasIsRetriedNotDeadLettered() {
        var record = new ProducerRecord<>("mail.drafts", bytes("k"), bytes("v"));

        var response = handler.handleError(source, record, new NotEnoughReplicasException("2 of 3"));

        assertThat(response.result()).isEqualTo(Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aDeadLetterThatCannotBeWrittenFails() {
        var record = new ProducerRecord<>("mail.drafts.dlq", bytes("k"), bytes("v"));

        var response = handler.handleError(source, record, new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The source record being processed: facility.bookings-2@41. */
    private static final class Source implements ErrorHandlerContext {
        public String topic() { return "facility.bookings"; }
        public int partition() { return 2; }
        public long offset() { return 41; }
        public Headers headers() { return new RecordHeaders(); }
        public String processorNodeId() { return "facility.bookings-out"; }
        public TaskId taskId() { return new TaskId(0, 2); }
        public long timestamp() { return 1L; }
        public byte[] sourceRawKey() { return bytes("B-1"); }
        public byte[] sourceRawValue() { return bytes("booking bytes"); }
    }
}
