package com.deskpost.community.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-IDs as received: tokens in angle brackets; one derived from the content when a mail has none. */
final class MessageIds {

    private static final Pattern TOKEN = Pattern.compile("<[^<>\\s]+>");

    private MessageIds() {
    }

    /** Every {@code <id>} token in a header value (References, In-Reply-To), in order. */
    static List<String> tokens(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher matcher = TOKEN.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    /** The first token, or the bare value in brackets when the sender left them off; null when blank. */
    static String first(String header) {
        List<String> ids = tokens(header);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        if (header == null || header.isBlank() || header.strip().chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return "<" + header.strip() + ">";
    }

    /**
     * A stable id for a mail that came without one, from its content, so the same mail received twice
     * still counts once downstream.
     */
    static String derived(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return "<" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "@inbound.deskpost.invalid>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
