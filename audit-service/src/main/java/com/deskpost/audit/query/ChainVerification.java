package com.deskpost.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The outcome of verifying the audit chain.
 *
 * @param intact whether every row checked out
 * @param rows rows read, up to and including the first broken one
 * @param firstBrokenSeq seq of the first row that does not check out
 * @param auditId audit id of that row
 * @param reason what is wrong with it
 */
@Schema(description = "Outcome of recomputing the audit hash chain")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long rows, Long firstBrokenSeq, String auditId,
        @Schema(example = "hash does not match the row's content") String reason) {

    static ChainVerification intact(long rows) {
        return new ChainVerification(true, rows, null, null, null);
    }

    static ChainVerification broken(long rows, StoredRow row, String reason) {
        return new ChainVerification(false, rows, row.seq(), row.auditId(), reason);
    }
}
