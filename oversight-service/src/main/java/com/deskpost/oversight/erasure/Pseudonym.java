package com.deskpost.oversight.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What replaces an erased address in oversight's rows and in the records the erasure causes:
 * {@code erased:} and the first 16 hex digits of the SHA-256 of the address as the row stores it.
 * It is delivery's pseudonym ({@code com.deskpost.delivery.audit.Pseudonym}, no secret involved), so
 * a held draft and the audit rows of the same draft name the same erased person the same way.
 */
final class Pseudonym {

    static final String PREFIX = "erased:";
    static final int DIGEST_CHARS = 16;

    /** The same pseudonym computed by PostgreSQL (11+, built-in sha256) from a text column. */
    static String sqlOf(String column) {
        return "'" + PREFIX + "' || substr(encode(sha256(convert_to(" + column + ", 'UTF8')), 'hex'), 1, "
                + DIGEST_CHARS + ")";
    }

    private Pseudonym() {
    }

    static String of(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, DIGEST_CHARS);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }
}
