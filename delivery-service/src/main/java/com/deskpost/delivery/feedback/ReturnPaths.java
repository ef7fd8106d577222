package com.deskpost.delivery.feedback;

import com.deskpost.platform.id.DraftIds;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed per-message return path (VERP-style): the envelope sender (MAIL FROM) of each mail to a recipient is
 * {@code b-<draft id, 32 hex>-<signature>@<bounce domain>}, so a bounce or complaint sent back to it names the draft,
 * and the signature (HMAC-SHA256 over the draft id and the normalised recipient, first 80 bits, base32) binds the
 * recipient: nobody without the secret can make a return path that blames an address. The local part is 51
 * characters, within RFC 5321's 64, lower-case only (some MTAs fold the case of what they report back).
 * The receiving MTA writes {@code Return-Path:} from MAIL FROM (RFC 5321 §4.4), which is why nothing sets the header.
 */
public final class ReturnPaths {

    private static final Pattern LOCAL_PART = Pattern.compile("b-([0-9a-f]{32})-([a-z2-7]{16})");
    private static final int SIGNATURE_CHARS = 16; // 80 bits: a forger has 2^-80 per try
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"; // RFC 4648 base32, lower case

    private final String bounceDomain;
    private final SecretKeySpec key;

    /**
     * @param bounceDomain the domain the return paths are on; its MX points at Deskpost's inbound SMTP listener
     * @param secret the HMAC key ({@code deskpost.feedback.return-path-secret})
     */
    public ReturnPaths(String bounceDomain, String secret) {
        if (bounceDomain == null || bounceDomain.isBlank() || bounceDomain.contains("@")) {
            throw new IllegalArgumentException("deskpost.feedback.bounce-domain must be a domain, was " + bounceDomain);
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("deskpost.feedback.return-path-secret must be at least 16 characters");
        }
        this.bounceDomain = bounceDomain.strip().toLowerCase(Locale.ROOT);
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /**
     * The return path of the draft's mail to {@code recipient}; null when the draft id is not a UUID (every
     * composer's is: DraftIds), and the mail then goes with the From address as its envelope sender.
     */
    public String of(String draftId, String recipient) {
        String hex = hex(draftId);
        return hex == null ? null
                : "b-" + hex + "-" + signature(hex, DraftIds.normaliseEmail(recipient)) + "@" + bounceDomain;
    }

    /** A return path read back from a report: the draft it names and the signature it carries, unverified. */
    public record Decoded(String draftId, String hex, String signature) {
    }

    /** Reads an address as one of ours: on the bounce domain and of the form above; empty otherwise. */
    public Optional<Decoded> decode(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || !text.substring(at + 1).equals(bounceDomain)) {
            return Optional.empty();
        }
        Matcher matcher = LOCAL_PART.matcher(text.substring(0, at));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        String draftId = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        return Optional.of(new Decoded(draftId, hex, matcher.group(2)));
    }

    /** Whether the return path was made for this recipient, compared in constant time. */
    public boolean signedFor(Decoded decoded, String recipient) {
        byte[] expected = signature(decoded.hex(), DraftIds.normaliseEmail(recipient)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, decoded.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** Draft ids are UUIDs (name-based or random): their 32 hex digits, without hyphens. */
    private static String hex(String draftId) {
        if (draftId == null || !draftId.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return null;
        }
        return UUID.fromString(draftId).toString().replace("-", "");
    }

    private String signature(String hex, String normalisedRecipient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((hex + "\n" + normalisedRecipient).getBytes(StandardCharsets.UTF_8));
            return base32(digest).substring(0, SIGNATURE_CHARS);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    // The JDK has no base32 and the project depends on no codec library: 20 lines here instead of a dependency.
    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
