package com.deskpost.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two hash formats of audit rows. Both are SHA-256 over length-prefixed fields ("length:value", an
 * absent value "-1:"), so no text can move between fields or pass for a NULL unnoticed; personal fields
 * (recipient, detail) enter only as their digests, so erasing them keeps the hash valid.
 * <ul>
 * <li>{@link #legacy format 1}, rows of the one global chain stored before chains per partition (chain
 *     {@value #LEGACY_CHAIN}): the previous row's hash, then the row's fields.
 * <li>{@link #of format 2}, rows of the partition chains stored before records of processing: the tag
 *     {@value #FORMAT_2}, the chain id, the position, the previous row's hash, then the row's fields.
 *     Binding chain and position means a row copied into another chain or to another place in its own no
 *     longer matches its hash.
 * <li>{@link #of(String, long, String, Fields, Processing) format 3}, every row since: as format 2 under the tag
 *     {@value #FORMAT_3}, followed by the processing activity, lawful basis and purpose the row was recorded
 *     under (GDPR art. 30). A row's format follows from whether it has an activity: the tag is hashed, so
 *     adding, removing or changing those columns breaks the row either way.
 * </ul>
 */
public final class ChainHash {

    /** The prev_hash of a chain's first row (position 1). */
    public static final String GENESIS = "0".repeat(64);
    /** The chain of the rows stored before chains per partition, hashed in format 1. */
    public static final String LEGACY_CHAIN = "legacy";
    static final String FORMAT_2 = "deskpost-audit-chain/2";
    static final String FORMAT_3 = "deskpost-audit-chain/3";

    private ChainHash() {
    }

    /** The chain that audit events read from a mail.audit partition are appended to. */
    public static String chainOfPartition(String topic, int partition) {
        return topic + "-" + partition;
    }

    /** The hash of a row of {@code chain} at {@code position}, in that chain's format. */
    public static String of(String chain, long position, String prev, Fields row) {
        if (LEGACY_CHAIN.equals(chain)) {
            return legacy(prev, row);
        }
        return sha256(framed(FORMAT_2, chain, Long.toString(position), prev, row).toString());
    }

    /**
     * The hash of a row of {@code chain} at {@code position}: format 3 when it was recorded under a processing
     * activity, else the chain's format ({@link #of(String, long, String, Fields)}, rows stored before).
     */
    public static String of(String chain, long position, String prev, Fields row, Processing processing) {
        if (processing == null) {
            return of(chain, position, prev, row);
        }
        StringBuilder content = framed(FORMAT_3, chain, Long.toString(position), prev, row);
        append(content, processing.activity(), processing.lawfulBasis(), processing.purpose());
        return sha256(content.toString());
    }

    /** Format 1: the hash of a row of the legacy global chain. */
    public static String legacy(String prev, Fields row) {
        return sha256(framed(null, null, null, prev, row).toString());
    }

    private static StringBuilder framed(String format, String chain, String position, String prev, Fields row) {
        StringBuilder content = new StringBuilder();
        if (format != null) {
            append(content, format, chain, position);
        }
        append(content, prev, row.auditId(), row.draftId(), row.type(), Long.toString(row.occurredAtMillis()),
                row.actor(), row.recipientDigest(), row.locationId(), row.threadKey(), row.correlationId(),
                row.messageId(), row.detailDigest(), row.attributes());
        return content;
    }

    private static void append(StringBuilder content, String... fields) {
        for (String field : fields) {
            content.append(field == null ? "-1:" : field.length() + ":" + field);
        }
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }

    /**
     * The columns of an audit row that its hash covers, personal ones as their digests.
     *
     * @param occurredAtMillis when the transition happened, epoch milliseconds
     * @param attributes the attributes as canonical JSON (keys sorted)
     */
    public record Fields(String auditId, String draftId, String type, long occurredAtMillis, String actor,
            String recipientDigest, String locationId, String threadKey, String correlationId, String messageId,
            String detailDigest, String attributes) {
    }

    /**
     * What a row was recorded under for the records of processing (GDPR art. 30): the activity (the register's
     * entry: an event type, a category's default, or an entry of its own), its lawful basis (art. 6(1)) and purpose.
     * Neither is personal data, so erasure leaves them as they are.
     */
    public record Processing(String activity, String lawfulBasis, String purpose) {

        /** The stored columns, or null for a row stored before records of processing (all three NULL). */
        public static Processing ofColumns(String activity, String lawfulBasis, String purpose) {
            return activity == null && lawfulBasis == null && purpose == null ? null
                    : new Processing(activity, lawfulBasis, purpose);
        }
    }
}
