package com.deskpost.delivery.contacts;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an erasure did.
 *
 * @param pseudonym what stands for the address in the audit trail, the ledger and on mail.consent from now
 *     on: keyed with the pseudonym secret, so it cannot be recomputed from a guessed address
 * @param auditRowsPseudonymised audit rows whose recipient or free text named the address
 * @param ledgerRowsPseudonymised ledger rows of mail sent to the address
 * @param suppressed the address carries {@code erased}: delivery sends nothing to it from now on
 * @param pendingDrafts what becomes of drafts not yet sent
 */
@Schema(description = "What a GDPR erasure did")
public record ErasureReport(
        @Schema(example = "erased:5d41402abc4b2a76b9719d911017c592") String pseudonym,
        long auditRowsPseudonymised,
        long ledgerRowsPseudonymised,
        @Schema(description = "Tagged 'erased': delivery sends nothing to the address from now on") boolean suppressed,
        @Schema(description = "What becomes of drafts not yet sent") String pendingDrafts) {

    static final String PENDING_DRAFTS = "The erasure is announced on mail.consent: the oversight service drops"
            + " pending drafts for the address when it learns of it (once it keeps an approval queue), and delivery"
            + " suppresses any that still reach it.";

    static ErasureReport of(String pseudonym, long auditRows, long ledgerRows) {
        return new ErasureReport(pseudonym, auditRows, ledgerRows, true, PENDING_DRAFTS);
    }
}
