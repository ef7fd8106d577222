package com.deskpost.audit.query;

import com.deskpost.audit.chain.ChainReport;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The outcome of verifying the audit chains. The first five fields sum up every chain as the one global
 * chain was reported before (ops-cli reads them); {@code chains} has the verification of each.
 *
 * @param intact whether every row of every chain checked out
 * @param rows rows read, in all chains
 * @param firstBrokenSeq seq of the first row that does not check out, in the first broken chain
 * @param auditId audit id of that row
 * @param reason what is wrong with it
 * @param mode {@code incremental} (each chain from its newest checkpoint) or {@code full} (from its start,
 *     or from its archived head, every checkpoint checked against its row)
 * @param firstBrokenChain the first broken chain
 * @param firstBrokenPosition the position of its first broken row (or checkpoint, or archive record)
 * @param chains each chain's verification, by chain id
 */
@Schema(description = "Outcome of recomputing the audit hash chains")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long rows, Long firstBrokenSeq, String auditId,
        @Schema(example = "hash does not match the row's content") String reason,
        @Schema(example = "incremental") String mode, String firstBrokenChain, Long firstBrokenPosition,
        List<ChainReport> chains) {

    static ChainVerification of(boolean full, List<ChainReport> chains) {
        long rows = chains.stream().mapToLong(ChainReport::rows).sum();
        String mode = full ? "full" : "incremental";
        return chains.stream().filter(chain -> !chain.intact()).findFirst()
                .map(broken -> new ChainVerification(false, rows, broken.firstBrokenSeq(), broken.auditId(),
                        broken.reason(), mode, broken.chain(), broken.firstBrokenPosition(), chains))
                .orElse(new ChainVerification(true, rows, null, null, null, mode, null, null, chains));
    }
}
