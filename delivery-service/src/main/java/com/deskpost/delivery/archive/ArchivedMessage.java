package com.deskpost.delivery.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A sent message as the archive keeps it: addressed by the SHA-256 of its exact bytes, stored gzip-compressed (MIME
 * text compresses several-fold). Content that held an opened access credential is withheld: only delivery may see a
 * credential's value, at send time (DESIGN §5), so it never rests in the archive; its hash and size still do, so a
 * copy the member produces can be checked against it.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes sent
 * @param sizeBytes length of the bytes sent
 * @param gzipped the compressed bytes, or null when withheld
 * @param withheld why the content is not kept ({@code credential}), or null
 */
public record ArchivedMessage(String sha256, int sizeBytes, byte[] gzipped, String withheld) {

    /** Withheld because the message carried an opened credential value. */
    public static final String CREDENTIAL = "credential";
    /** Withheld because the recipient's address was erased. */
    public static final String ERASED = "erased";

    /** @param holdsCredential whether the bytes carry an opened credential value (then only the hash is kept) */
    public static ArchivedMessage of(byte[] sent, boolean holdsCredential) {
        return new ArchivedMessage(sha256(sent), sent.length, holdsCredential ? null : gzip(sent),
                holdsCredential ? CREDENTIAL : null);
    }

    /** Lower-case hex SHA-256, the archive's key and the audit row's {@code archive_sha256}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("An archived message does not decompress", e);
        }
    }
}
