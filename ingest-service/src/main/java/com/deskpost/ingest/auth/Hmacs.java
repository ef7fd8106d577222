package com.deskpost.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and constant-time comparison, shared by every signature scheme ingest accepts. */
public final class Hmacs {

    private Hmacs() {
    }

    /** HMAC-SHA256 of the parts, concatenated, under the secret. */
    public static byte[] hmacSha256(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /** Whether the hex text is the expected MAC, in time that does not depend on where they differ. */
    public static boolean matchesHex(byte[] expected, String presentedHex) {
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(presentedHex.trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    /** Whether two secrets are equal, comparing digests so neither length nor content leaks through timing. */
    public static boolean sameSecret(String expected, String presented) {
        return MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(utf8(text));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
