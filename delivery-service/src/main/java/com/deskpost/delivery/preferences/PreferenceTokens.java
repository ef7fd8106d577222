package com.deskpost.delivery.preferences;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for preference links, made as unsubscribe links are (the JDK's HMAC-SHA256 over what the token
 * says, no token library needed), saying more: the address, the location of the mail the link came from, and
 * when the link stops working. The key is derived from the unsubscribe secret for this one use, so an
 * unsubscribe token is never a preference token nor the other way round. The form a preference page shows
 * carries a second value derived from its token ({@link #formToken}): a POST without it did not come from the page.
 */
public final class PreferenceTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    private static final String VERSION = "p1";
    private static final String SEPARATOR = "\n";

    private final SecretKeySpec key;

    /** @param unsubscribeSecret {@code deskpost.delivery.unsubscribe-secret}; the key is derived from it */
    public PreferenceTokens(String unsubscribeSecret) {
        byte[] derived = hmac(new SecretKeySpec(unsubscribeSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "deskpost preference links".getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(derived, "HmacSHA256");
    }

    /** What a genuine token says. */
    public record Link(String email, String locationId, Instant expiresAt) {
    }

    /** What a token turned out to be. */
    public sealed interface Verified permits Genuine, Expired, NotGenuine {
    }

    /** Genuine and in time. */
    public record Genuine(Link link) implements Verified {
    }

    /** Genuine, but past its expiry. */
    public record Expired(Link link) implements Verified {
    }

    /** Forged, cut short or not a preference token at all. */
    public record NotGenuine() implements Verified {
    }

    /** @param locationId the location of the mail the link is in, or null when it comes from no mail */
    public String token(String normalisedEmail, String locationId, Instant expiresAt) {
        String payload = String.join(SEPARATOR, VERSION, normalisedEmail, locationId == null ? "" : locationId,
                Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    public Verified verify(String token, Instant now) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return new NotGenuine();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] given = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(payload))) {
                return new NotGenuine();
            }
            List<String> parts = List.of(new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1));
            if (parts.size() != 4 || !VERSION.equals(parts.get(0))) {
                return new NotGenuine();
            }
            Link link = new Link(parts.get(1), parts.get(2).isEmpty() ? null : parts.get(2),
                    Instant.ofEpochSecond(Long.parseLong(parts.get(3))));
            return now.isBefore(link.expiresAt()) ? new Genuine(link) : new Expired(link);
        } catch (IllegalArgumentException notOurs) {
            return new NotGenuine();
        }
    }

    /** The value the page's form carries for this token. */
    public String formToken(String token) {
        return ENCODER.encodeToString(mac(("form" + SEPARATOR + token).getBytes(StandardCharsets.UTF_8)));
    }

    public boolean formTokenMatches(String token, String given) {
        return given != null && MessageDigest.isEqual(formToken(token).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(byte[] data) {
        return Arrays.copyOf(hmac(key, data), MAC_BYTES);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
