package com.deskpost.platform.pseudonym;

import com.deskpost.platform.id.DraftIds;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What stands for an erased address wherever Deskpost keeps or announces it (GDPR art. 17): {@code erased:}
 * and the first 16 bytes, in hex, of the HMAC-SHA256 of the normalised address under the pseudonym secret
 * ({@code deskpost.pseudonym.secret}). Without the secret nobody can confirm a guessed address by hashing
 * it, as they could with the unkeyed SHA-256 used before. Every service that makes or matches a pseudonym
 * must hold the same secret, and it must never change: a new secret would make every earlier erasure
 * unrecognisable, so mail to those addresses would no longer be refused.
 */
public final class Pseudonyms {

    public static final String PREFIX = "erased:";
    /** Shortest secret accepted: 256 bits of printable text, as long as the HMAC's own output. */
    public static final int MIN_SECRET_CHARS = 32;
    /** Values starting with this are development defaults, refused outside the dev profile by the start-up guard. */
    static final String DEV_ONLY = "dev-only-";
    private static final int KEPT_BYTES = 16;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * @param secret at least {@value #MIN_SECRET_CHARS} characters; a {@code dev-only-} value is exempt
     *     because no service starts on one outside the development profile
     */
    public Pseudonyms(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("deskpost.pseudonym.secret (DESKPOST_PSEUDONYM_SECRET) is not set;"
                    + " make one with `openssl rand -base64 48` and give every service the same value");
        }
        if (secret.length() < MIN_SECRET_CHARS && !secret.startsWith(DEV_ONLY)) {
            throw new IllegalArgumentException("deskpost.pseudonym.secret (DESKPOST_PSEUDONYM_SECRET) has "
                    + secret.length() + " characters; it needs at least " + MIN_SECRET_CHARS
                    + ": make one with `openssl rand -base64 48`");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** The pseudonym of an address, in any case or spacing: the same for every spelling of it. */
    public String of(String address) {
        return PREFIX + digest(DraftIds.normaliseEmail(address)).substring(0, 2 * KEPT_BYTES);
    }

    /** Whether the text is a pseudonym (of either scheme) rather than an address. */
    public static boolean isPseudonym(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /**
     * The full HMAC-SHA256 (64 hex digits) of personal text as given, for stores that must later prove a
     * value without keeping it (the audit chain's digest columns). A pseudonym is the first 32 digits of the
     * digest of the normalised address.
     */
    public String digest(String personal) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(personal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /** The pseudonym whose digest (as {@link #digest} makes it, of a normalised address) is given. */
    public static String ofDigest(String digest) {
        return PREFIX + digest.substring(0, 2 * KEPT_BYTES);
    }

    /**
     * Legacy: the unkeyed pseudonym (erased: and 16 hex digits of the SHA-256 of the normalised address) under
     * which erasures were stored before keyed pseudonyms; still looked up, since those cannot be re-keyed.
     */
    public static String legacyOf(String normalisedAddress) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(normalisedAddress.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(sha).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
