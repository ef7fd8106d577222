package com.deskpost.ops.tail;

import com.deskpost.ops.Json;
import com.deskpost.ops.deadletter.DeadLetter;
import com.deskpost.ops.deadletter.HeaderValues;
import com.deskpost.platform.deadletter.CredentialRedaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record as one JSON object: where it is, its key and readable headers, a summary of a dead
 * letter's origin and reason, and its value in Avro's JSON encoding, with credentials in clear (a
 * facility system that does not seal, a draft composed before sealing) masked unless the operator opts
 * out. Sealed credentials are shown as they are: only delivery can open them.
 */
final class RecordView {

    private final AvroDecoding decoding;
    private final CredentialRedaction redaction;

    /** @param redaction masks clear credentials (without a sealer); null shows values as they are */
    RecordView(AvroDecoding decoding, CredentialRedaction redaction) {
        this.decoding = decoding;
        this.redaction = redaction;
    }

    ObjectNode view(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.putPOJO(header.key(), shown(header));
        }
        DeadLetter deadLetter = DeadLetter.of(record.headers()).orElse(null);
        if (deadLetter != null) {
            ObjectNode summary = line.putObject("dead_letter");
            summary.put("original_topic", deadLetter.originalTopic());
            summary.putPOJO("original_partition", deadLetter.originalPartition());
            summary.putPOJO("original_offset", deadLetter.originalOffset());
            summary.put("exception", deadLetter.exceptionClass());
            summary.put("reason", deadLetter.reason());
            if (deadLetter.redacted()) {
                summary.put("redacted", deadLetter.redaction());
            }
        }
        value(line, record, deadLetter);
        return line;
    }

    private void value(ObjectNode line, ConsumerRecord<byte[], byte[]> record, DeadLetter deadLetter) {
        byte[] value = record.value();
        if (value == null) {
            line.putNull("value");
            return;
        }
        if (value.length == 0) {
            line.putNull("value");
            line.put("value_note", deadLetter != null && deadLetter.redacted() ? deadLetter.redaction() : "empty value");
            return;
        }
        byte[] shown = value;
        if (redaction != null) {
            RecordHeaders note = new RecordHeaders();
            shown = redaction.redact(deadLetter != null ? deadLetter.originalTopic() : record.topic(), value, note);
            Header withheld = note.lastHeader(CredentialRedaction.HEADER);
            if (shown.length == 0 && withheld != null) {
                line.putNull("value");
                line.put("value_note", new String(withheld.value(), StandardCharsets.UTF_8)
                        + "; --show-credentials shows the bytes");
                return;
            }
        }
        try {
            AvroDecoding.Decoded decoded = decoding.decode(shown);
            line.put("schema_id", decoded.schemaId());
            line.put("schema", decoded.schemaName());
            line.set("value", decoded.json());
        } catch (AvroDecoding.Undecodable e) {
            line.putNull("value");
            line.put("value_base64", Base64.getEncoder().encodeToString(value));
            line.put("value_error", "undecodable: " + e.getMessage());
        }
    }

    /** The stack trace is long and says little to an operator: its first line only. */
    private static Object shown(Header header) {
        Object readable = HeaderValues.readable(header.key(), header.value());
        if (KafkaHeaders.EXCEPTION_STACKTRACE.equals(header.key()) && readable instanceof String trace) {
            int end = trace.indexOf('\n');
            return end < 0 ? trace : trace.substring(0, end) + " …";
        }
        return readable;
    }
}
