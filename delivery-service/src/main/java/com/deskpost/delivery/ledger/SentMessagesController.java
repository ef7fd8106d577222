package com.deskpost.delivery.ledger;

import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.platform.api.TimeRange;
import com.deskpost.platform.id.DraftIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** check_inbox over HTTP. */
@RestController
@ApiDocs
@Tag(name = "Messages", description = "What the SMTP server accepted, from the idempotency ledger. Scope: read")
class SentMessagesController {

    private final SentMessages messages;

    SentMessagesController(SentMessages messages) {
        this.messages = messages;
    }

    @GetMapping(path = "/api/v1/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "checkInbox", summary = "List sent mail, newest first (check_inbox)", description = """
            Every mail the SMTP relay accepted: to members (PRIMARY), staff copies (COPY) and staff alerts (ALERT).
            Filter by recipient, a time range and a subject substring; all filters are optional and combine.
            A mail that was suppressed, superseded or failed is not here: look it up in the audit trail.""")
    @ApiResponse(responseCode = "200", description = "One page of sent mail, newest first")
    Page<SentMessage> checkInbox(
            @Parameter(description = "Recipient address, any case", example = "ada@example.com")
            @RequestParam(required = false) String recipient,
            @Parameter(description = "Earliest send time included, ISO-8601", example = "2025-03-03T00:00:00Z")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "First send time excluded, ISO-8601", example = "2025-03-04T00:00:00Z")
            @RequestParam(required = false) Instant to,
            @Parameter(description = "Case-insensitive substring of the subject", example = "desk")
            @RequestParam(required = false) String subject,
            @Parameter(description = Paging.CURSOR_DESCRIPTION)
            @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION)
            @RequestParam(required = false) Integer limit) {
        return messages.find(DraftIds.normaliseOptionalEmail(recipient),
                new TimeRange(from, to), StringUtils.hasText(subject) ? subject : null, cursor, Paging.limit(limit));
    }
}
