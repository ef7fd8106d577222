package com.deskpost.community.feedback;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps a report that cannot be read on mail.inbound.dlq, under the report's Message-ID, with the reason in
 * spring-kafka's dead-letter headers, like every other dead letter. Awaited, so the door answers only once it is
 * kept. Only the report's routing headers are kept ({@link #routingHeaders}), never its body or subject: a bounce
 * returns the original message, and a returned access mail would put its door code in clear in a dead letter
 * (DESIGN §5); the size and SHA-256 of the whole report are kept so the operator can match the sender's copy.
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
            kafka.send(new ProducerRecord<>(topic, null, reportId, routingHeaders(raw), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted keeping report " + reportId + " on " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not keep report " + reportId + " on " + topic, e);
        }
    }

    private static final Set<String> KEPT = Set.of("from", "to", "cc", "date", "message-id", "content-type",
            "mime-version", "auto-submitted", "x-failed-recipients", "return-path", "received");

    /** The report's top-level routing headers, then a line saying what was left out. */
    static byte[] routingHeaders(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        String header = end < 0 ? text : text.substring(0, end);
        StringBuilder kept = new StringBuilder();
        boolean keeping = false;
        for (String line : header.split("\r?\n")) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                int colon = line.indexOf(':');
                keeping = colon > 0 && KEPT.contains(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            }
            if (keeping) {
                kept.append(line).append("\r\n");
            }
        }
        kept.append("X-Deskpost-Not-Kept: subject and body (a returned message may carry a credential); report of ")
                .append(raw.length).append(" bytes, sha256 ").append(sha256(raw)).append("\r\n\r\n");
        return kept.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The reason a report was not read, as the dead letter's exception. */
    static final class UnreadableReport extends RuntimeException {
        UnreadableReport(String reason) {
            super("Unreadable bounce or complaint report: " + reason, null, false, false);
        }
    }
}
