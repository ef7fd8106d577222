package com.deskpost.platform.topic;

import com.deskpost.events.EmailDraft;
import com.deskpost.platform.id.DraftIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Kafka key of a draft on {@code mail.drafts*} and of its release on {@code mail.outbound*}:
 * {@code <supersede key>/<recipient digest>}, e.g. {@code announcement:A-7/3f0c9a12b4e6d875}. One entity's mail
 * to one recipient shares a key, so its versions stay on one partition, in order; the mail of one
 * announcement or incident to ten thousand members has ten thousand keys, so it spreads over every
 * partition of its lane and every sending thread instead of queueing on one. The draft's
 * {@code supersede_key} field stays the entity's: freshness (oversight's cancelling of held drafts, delivery's
 * check against {@code mail.entity-versions}) reads the field, never the record key.
 *
 * <p>The key is a function of the draft alone, for every kind of mail, so each writer derives the same one:
 * composers and the MCP server when they publish, oversight when it releases a draft at intake, from its
 * approval queue hours later, or a digest it writes. The recipient is a digest of the normalised address,
 * never the address in clear: keys are shown by every Kafka tool and copied into dead letters.
 */
public final class DraftKeys {

    /** Separates the entity from the recipient; a supersede key may itself contain ':'. */
    public static final String SEPARATOR = "/";

    /** 64 bits: two recipients of one entity sharing a digest would only share a partition, never a mail. */
    private static final int DIGEST_BYTES = 8;
    // A label, so the digest equals no other hash of an address this system (or another) may show.
    private static final byte[] LABEL = "deskpost/draft-key\0".getBytes(StandardCharsets.UTF_8);

    private DraftKeys() {
    }

    /** The record key of the draft, or of the {@code OutboundEmail} that releases it. */
    public static String of(EmailDraft draft) {
        return of(draft.getSupersedeKey(), draft.getRecipient().getEmail());
    }

    public static String of(String supersedeKey, String recipientEmail) {
        return supersedeKey + SEPARATOR + recipientDigest(recipientEmail);
    }

    /** 16 hex digits of SHA-256 over the normalised address: stable across versions, services and restarts. */
    static String recipientDigest(String email) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            byte[] digest = sha256.digest(DraftIds.normaliseEmail(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, DIGEST_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
