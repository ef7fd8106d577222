package com.deskpost.schemas.proof;

import com.deskpost.events.ApprovalDecision;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The proof a decision on {@code mail.decisions} carries (DESIGN §4): an HMAC-SHA256, with a
 * decision key oversight knows, over the decision's canonical encoding ({@link CanonicalMac}) of
 * the label {@code deskpost/decision/v1}, the key id, decision id, draft id, action, decided_by,
 * reason, edited subject, edited body text and decided_at (epoch milliseconds). Changing any of
 * them, or moving the decision to another draft, breaks the proof. Encoded base64url without
 * padding in {@code ApprovalDecision.proof}, the key id in {@code proof_key_id}.
 *
 * <p>Part of the contract of mail.decisions, so it lives beside the schema: an ops tool in
 * another language computes the same bytes (README "Decision proofs").
 */
public final class DecisionProof {

    /** Shortest decision key secret oversight accepts. */
    public static final int MIN_SECRET_LENGTH = 32;

    static final String LABEL = "deskpost/decision/v1";

    private DecisionProof() {
    }

    /** A copy of the decision carrying the key id and its proof. */
    public static ApprovalDecision sign(ApprovalDecision decision, String keyId, String secret) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("A decision key needs an id");
        }
        ApprovalDecision keyed = ApprovalDecision.newBuilder(decision).setProofKeyId(keyId).setProof(null).build();
        return ApprovalDecision.newBuilder(keyed).setProof(encode(mac(keyed, secret))).build();
    }

    /**
     * Whether the decision's proof was made with this secret over exactly this decision (under its
     * {@code proof_key_id}); compared in constant time. False when there is no proof.
     */
    public static boolean verify(ApprovalDecision decision, String secret) {
        if (decision.getProof() == null || decision.getProofKeyId() == null) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getUrlDecoder().decode(decision.getProof());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(decision, secret), claimed);
    }

    private static byte[] mac(ApprovalDecision decision, String secret) {
        return CanonicalMac.keyed(secret).start(LABEL)
                .text(decision.getProofKeyId())
                .text(decision.getDecisionId())
                .text(decision.getDraftId())
                .text(decision.getAction() == null ? null : decision.getAction().name())
                .text(decision.getDecidedBy())
                .text(decision.getReason())
                .text(decision.getEditedSubject())
                .text(decision.getEditedBodyText())
                .number(decision.getDecidedAt() == null ? Long.MIN_VALUE : decision.getDecidedAt().toEpochMilli())
                .finish();
    }

    private static String encode(byte[] mac) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
