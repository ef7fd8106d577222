package com.deskpost.audit.query;

import com.deskpost.platform.api.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit chains' check over HTTP, for auditors and monitoring. */
@RestController
@ApiDocs
@Tag(name = "Audit trail")
class ChainVerificationController {

    private static final Logger log = LoggerFactory.getLogger(ChainVerificationController.class);

    private final AuditChain chain;

    ChainVerificationController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping(path = "/api/v1/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "verifyAuditChain", summary = "Verify the audit hash chains", description = """
            Recomputes each row's SHA-256 from its stored columns, chain by chain (one per mail.audit partition,
            and "legacy" for rows stored before chains) in position order, and checks each row links to the one
            before. By default each chain is verified from its newest sealed checkpoint, reading only the rows
            after it; full=true verifies from each chain's start (or its archived head) and checks every
            checkpoint against its row. Answers {"intact": true, "rows": N, "chains": [...]}, or names the first
            broken row (chain, position, seq, audit id) and why: its content changed, a row before it was removed
            or inserted, a personal field no longer matches its digest, or a checkpoint or archive record is not
            sealed. Each chain's entry says from which checkpoint it was read and what was archived. Rows
            pseudonymised by a GDPR erasure still verify. Call it from monitoring, not per request.""")
    @ApiResponse(responseCode = "200", description = "Whether the chains are intact; if not, the first broken row")
    ChainVerification verify(@Parameter(description = "verify every chain from its start, not its newest checkpoint")
            @RequestParam(defaultValue = "false") boolean full) {
        ChainVerification verification = chain.verify(full);
        if (!verification.intact()) {
            // Tampering is an incident, not just an answer to whoever asked.
            log.error("Audit chain {} broken at position {} (seq {}, audit id {}): {}", verification.firstBrokenChain(),
                    verification.firstBrokenPosition(), verification.firstBrokenSeq(), verification.auditId(),
                    verification.reason());
        }
        return verification;
    }
}
