package com.deskpost.ops.deadletter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

/** Header values as a person reads them: numbers for spring-kafka's binary ones, text, else base64. */
public final class HeaderValues {

    private static final Set<String> INTEGERS = Set.of(KafkaHeaders.ORIGINAL_PARTITION);
    private static final Set<String> LONGS = Set.of(KafkaHeaders.ORIGINAL_OFFSET, KafkaHeaders.ORIGINAL_TIMESTAMP,
            "retry_topic-backoff-timestamp", "retry_topic-original-timestamp");

    private HeaderValues() {
    }

    /** A number for the known binary headers, UTF-8 text when the bytes are text, else {@code base64:...}. */
    public static Object readable(String name, byte[] value) {
        if (value == null) {
            return null;
        }
        if (INTEGERS.contains(name) && value.length == Integer.BYTES) {
            return ByteBuffer.wrap(value).getInt();
        }
        if (LONGS.contains(name) && value.length == Long.BYTES) {
            return ByteBuffer.wrap(value).getLong();
        }
        if ("retry_topic-attempts".equals(name) && value.length == Integer.BYTES) {
            return ByteBuffer.wrap(value).getInt();
        }
        String text = utf8(value);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(value);
    }

    static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Integer integer(Header header) {
        return header == null || header.value() == null || header.value().length != Integer.BYTES ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    static Long longValue(Header header) {
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }

    private static String utf8(byte[] value) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
            String text = chars.toString();
            return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                    ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
