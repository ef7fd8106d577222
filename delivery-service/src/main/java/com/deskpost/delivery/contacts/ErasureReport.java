package com.deskpost.delivery.contacts;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an erasure did here, and what follows elsewhere.
 *
 * @param pseudonym what stands for the address in the ledger, the audit trail and on mail.consent from now
 *     on: keyed with the pseudonym secret, so it cannot be recomputed from a guessed address
 * @param ledgerRowsPseudonymised ledger rows of mail sent to the address
 * @param suppressed the address carries {@code erased}: delivery sends nothing to it from now on
 * @param auditTrail what becomes of the audit rows naming the address
 * @param pendingDrafts what becomes of drafts not yet sent
 */
@Schema(description = "What a GDPR erasure did")
public record ErasureReport(
        @Schema(example = "erased:5d41402abc4b2a76b9719d911017c592") String pseudonym,
        long ledgerRowsPseudonymised,
        @Schema(description = "Tagged 'erased': delivery sends nothing to the address from now on") boolean suppressed,
        @Schema(description = "What becomes of the audit rows naming the address") String auditTrail,
        @Schema(description = "What becomes of drafts not yet sent") String pendingDrafts) {

    static final String AUDIT_TRAIL = "The erasure is announced on mail.consent: audit-service pseudonymises the"
            + " audit rows naming the address when it reads the announcement, usually within seconds, and stores"
            + " any later audit event about the address under the pseudonym. GET /api/v1/audit?recipient= on"
            + " audit-service returns nothing for the address once it has.";
    static final String PENDING_DRAFTS = "The erasure is announced on mail.consent: the oversight service drops"
            + " drafts held for the address when it reads the announcement, and delivery suppresses any that"
            + " still reach it.";

    static ErasureReport of(String pseudonym, long ledgerRows) {
        return new ErasureReport(pseudonym, ledgerRows, true, AUDIT_TRAIL, PENDING_DRAFTS);
    }
}
