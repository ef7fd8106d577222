package com.deskpost.oversight.decision;

import com.deskpost.schemas.proof.DecisionProof;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys decisions on mail.decisions are signed with ({@code deskpost.oversight.decision-keys}).
 *
 * @param decisionKeys each key: its id (the {@code proof_key_id} decisions name), its secret (at
 *        least 32 characters) and the member ids it may decide for, or {@code *} for an ops tool
 *        allowed to speak for any approver (the approver rules still apply)
 */
@ConfigurationProperties("deskpost.oversight")
public record DecisionKeysProperties(List<DecisionKey> decisionKeys) {

    public static final String ANY_APPROVER = "*";

    public record DecisionKey(String id, String secret, List<String> decidesFor) {

        public DecisionKey {
            decidesFor = decidesFor == null ? List.of() : List.copyOf(decidesFor);
        }

        boolean mayDecideFor(String memberId) {
            return decidesFor.contains(ANY_APPROVER) || decidesFor.contains(memberId);
        }
    }

    public DecisionKeysProperties {
        decisionKeys = decisionKeys == null ? List.of() : List.copyOf(decisionKeys);
        Set<String> ids = new HashSet<>();
        for (DecisionKey key : decisionKeys) {
            String where = "deskpost.oversight.decision-keys (key '" + key.id() + "')";
            if (key.id() == null || key.id().isBlank()) {
                throw new IllegalArgumentException("Every deskpost.oversight.decision-keys entry needs an id");
            }
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException(where + ": the id is listed twice");
            }
            if (key.secret() == null || key.secret().length() < DecisionProof.MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(where + ": the secret needs at least "
                        + DecisionProof.MIN_SECRET_LENGTH + " characters; generate one with: openssl rand -base64 32");
            }
            if (key.decidesFor().isEmpty()) {
                throw new IllegalArgumentException(where + ": decides-for is empty; list the member ids the key may"
                        + " decide for, or * for an ops tool that speaks for any approver");
            }
        }
    }
}
