package com.deskpost.audit.query;

import com.deskpost.platform.api.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit chain check over HTTP, for auditors and monitoring. */
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
    @Operation(operationId = "verifyAuditChain", summary = "Verify the audit hash chain", description = """
            Recomputes every row's SHA-256 from its stored columns, in chain order, and checks each row links to
            the one before. Answers {"intact": true, "rows": N}, or names the first broken row (seq, audit id)
            and why: its content changed, a row before it was removed or inserted, or a personal field no longer
            matches its digest. Rows pseudonymised by a GDPR erasure still verify. Takes time proportional to
            the table; call it from monitoring, not per request.""")
    @ApiResponse(responseCode = "200", description = "Whether the chain is intact; if not, its first broken row")
    ChainVerification verify() {
        ChainVerification verification = chain.verify();
        if (!verification.intact()) {
            // Tampering is an incident, not just an answer to whoever asked.
            log.error("Audit chain broken at seq {} (audit id {}): {}", verification.firstBrokenSeq(),
                    verification.auditId(), verification.reason());
        }
        return verification;
    }
}
