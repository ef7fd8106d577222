package com.deskpost.delivery.unsubscribe;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for unsubscribe links: the address plus an HMAC-SHA256 of it under a secret, so
 * a link unsubscribes exactly the address it was sent to and nobody can forge one for another.
 * The JDK's Mac is all this needs; no token library earns its weight here.
 */
public final class UnsubscribeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    public UnsubscribeTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(String normalisedEmail) {
        byte[] address = normalisedEmail.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(address) + "." + ENCODER.encodeToString(mac(address));
    }

    /** The address the token was issued for, if the token is genuine. */
    public Optional<String> verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] address = DECODER.decode(token.substring(0, dot));
            byte[] given = DECODER.decode(token.substring(dot + 1));
            return MessageDigest.isEqual(given, mac(address))
                    ? Optional.of(new String(address, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(address), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
