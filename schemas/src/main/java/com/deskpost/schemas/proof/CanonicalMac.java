package com.deskpost.schemas.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 over a sequence of fields in one unambiguous encoding: every text and byte string
 * is prefixed with its length (4 bytes, big endian; a missing value is length -1, so null and ""
 * differ), every list with its count, every number is 8 bytes. No two different sequences of
 * fields feed the MAC the same bytes, so a value cannot be moved from one field into its
 * neighbour. The first field is a label naming what is signed, so a proof of one kind never
 * verifies as another. Written by hand because the JDK's {@link Mac} hashes bytes, not fields,
 * and a general serialiser (Avro's own binary encoding) would tie every proof to the schema's
 * field order and evolution.
 *
 * <p>Not thread-safe; {@link #start} makes an instance reusable (one per thread), so computing a
 * proof allocates little more than the UTF-8 bytes of its texts.
 */
public final class CanonicalMac {

    public static final String ALGORITHM = "HmacSHA256";

    private static final int MISSING = -1;

    private final Mac mac;
    private final byte[] word = new byte[Long.BYTES];

    private CanonicalMac(Mac mac) {
        this.mac = mac;
    }

    /** A MAC keyed with the secret's UTF-8 bytes. */
    public static CanonicalMac keyed(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("An HMAC secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return new CanonicalMac(mac);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("The JDK offers no usable " + ALGORITHM, e);
        }
    }

    /** Starts a new proof: forgets anything fed since the last {@link #finish}, then feeds the label. */
    public CanonicalMac start(String label) {
        mac.reset();
        return text(label);
    }

    public CanonicalMac text(String value) {
        if (value == null) {
            return length(MISSING);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        length(utf8.length);
        mac.update(utf8);
        return this;
    }

    /** The bytes left in the buffer; its position is not moved. */
    public CanonicalMac bytes(ByteBuffer value) {
        if (value == null) {
            return length(MISSING);
        }
        ByteBuffer view = value.duplicate();
        length(view.remaining());
        mac.update(view);
        return this;
    }

    public CanonicalMac number(long value) {
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            word[i] = (byte) value;
            value >>>= 8;
        }
        mac.update(word, 0, Long.BYTES);
        return this;
    }

    public CanonicalMac texts(List<String> values) {
        if (values == null) {
            return length(MISSING);
        }
        length(values.size());
        values.forEach(this::text);
        return this;
    }

    /** A list's count; the caller then feeds each element. */
    public CanonicalMac count(int count) {
        return length(count);
    }

    /** The MAC of everything fed since {@link #start}; the instance is ready for the next one. */
    public byte[] finish() {
        return mac.doFinal();
    }

    private CanonicalMac length(int length) {
        word[0] = (byte) (length >>> 24);
        word[1] = (byte) (length >>> 16);
        word[2] = (byte) (length >>> 8);
        word[3] = (byte) length;
        mac.update(word, 0, Integer.BYTES);
        return this;
    }
}
