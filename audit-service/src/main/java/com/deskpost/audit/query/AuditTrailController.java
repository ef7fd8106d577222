package com.deskpost.audit.query;

import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.ApiError;
import com.deskpost.platform.api.NotFound;
import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.platform.api.TimeRange;
import com.deskpost.platform.id.DraftIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** get_thread and the audit query over HTTP: what happened to a draft, a conversation or an address. */
@RestController
@ApiDocs
@Tag(name = "Audit trail", description = "Every transition of every draft, from the hash-chained audit store. "
        + "Scope: read")
class AuditTrailController {


    private final AuditTrail trail;

    AuditTrailController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping(path = "/api/v1/threads/{threadKey}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getThread", summary = "A conversation's whole history (get_thread)", description = """
            Every audit row of every draft about one entity, in the order things happened: drafted, released or
            held, approved/rejected/edited, superseded, sent, copies sent, suppressed, failed.""")
    @ApiResponse(responseCode = "200", description = "One page of the thread's audit rows, oldest first")
    @ApiResponse(responseCode = "404", description = "No audit row has this thread key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    Page<AuditEntry> thread(
            @Parameter(description = "Thread key: the entity kind and id", example = "booking:B-1042")
            @PathVariable String threadKey,
            @Parameter(description = Paging.CURSOR_DESCRIPTION) @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION) @RequestParam(required = false) Integer limit) {
        Page<AuditEntry> page = trail.ofThread(threadKey, cursor, Paging.limit(limit));
        if (page.items().isEmpty() && cursor == null) {
            throw new NotFound("No audit rows for thread '" + threadKey + "'. Thread keys name the entity, "
                    + "e.g. booking:B-1042; GET /api/v1/messages lists the thread keys of sent mail.");
        }
        return page;
    }

    @GetMapping(path = "/api/v1/drafts/{draftId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getDraftHistory", summary = "One draft's history", description = """
            Every audit row of one draft, in the order things happened, from DRAFTED to SENT and COPY_SENT
            (or HELD, REJECTED, SUPPRESSED, FAILED...).""")
    @ApiResponse(responseCode = "200", description = "One page of the draft's audit rows, oldest first")
    @ApiResponse(responseCode = "404", description = "No audit row has this draft id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    Page<AuditEntry> draft(
            @Parameter(description = "Draft id (a UUID)", example = "0b7e3c1a-5d2f-3e4a-9c1b-2f6d8e0a1b42")
            @PathVariable String draftId,
            @Parameter(description = Paging.CURSOR_DESCRIPTION) @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION) @RequestParam(required = false) Integer limit) {
        Page<AuditEntry> page = trail.ofDraft(draftId, cursor, Paging.limit(limit));
        if (page.items().isEmpty() && cursor == null) {
            throw new NotFound("No audit rows for draft " + draftId + ". Draft ids are in every audit row and "
                    + "in GET /api/v1/messages.");
        }
        return page;
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "queryAudit", summary = "Audit rows by recipient and time range", description = """
            Audit rows in the order things happened, optionally only those concerning one address and only
            within [from, to). After a GDPR erasure the address's rows carry a pseudonym and are not found
            by the address.""")
    @ApiResponse(responseCode = "200", description = "One page of audit rows, oldest first; may be empty")
    Page<AuditEntry> audit(
            @Parameter(description = "Recipient address, any case", example = "ada@example.com")
            @RequestParam(required = false) String recipient,
            @Parameter(description = "Earliest time included, ISO-8601", example = "2025-03-03T00:00:00Z")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "First time excluded, ISO-8601", example = "2025-03-04T00:00:00Z")
            @RequestParam(required = false) Instant to,
            @Parameter(description = Paging.CURSOR_DESCRIPTION) @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION) @RequestParam(required = false) Integer limit) {
        return trail.inRange(DraftIds.normaliseOptionalEmail(recipient),
                new TimeRange(from, to), cursor, Paging.limit(limit));
    }
}
