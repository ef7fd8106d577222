package com.deskpost.community.feedback;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps a report that cannot be read on mail.inbound.dlq: the raw mail under the report's Message-ID, with the
 * reason in spring-kafka's dead-letter headers, like every other dead letter, so an operator reads why and can
 * redrive it once the reader learns the format. Awaited, so the door answers only once it is kept.
 */
@Component
class UnreadableReports {

    private final KafkaTemplate<String, byte[]> kafka;

    UnreadableReports(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    void keep(String reportId, byte[] raw, String reason) {
        String topic = Topics.MAIL_INBOUND.deadLetterTopic();
        // Never on mail.inbound: partition and offset -1 say so.
        var headers = DeadLetterHeaders.describe(new RecordHeaders(), Topics.MAIL_INBOUND.name(), -1, -1L,
                System.currentTimeMillis(), new UnreadableReport(reason));
        try {
            kafka.send(new ProducerRecord<>(topic, null, reportId, raw, headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted keeping report " + reportId + " on " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not keep report " + reportId + " on " + topic, e);
        }
    }

    /** The reason a report was not read, as the dead letter's exception. */
    static final class UnreadableReport extends RuntimeException {
        UnreadableReport(String reason) {
            super("Unreadable bounce or complaint report: " + reason, null, false, false);
        }
    }
}
