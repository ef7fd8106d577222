package com.deskpost.delivery.contacts;

import com.deskpost.delivery.feedback.FeedbackHistory;
import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An address's bounce and complaint history (scope contacts): why it may be suppressed. */
@RestController
@ApiDocs
@Tag(name = "Contacts")
class ContactFeedbackController {

    private static final int MAX = 200;

    private final FeedbackHistory history;

    ContactFeedbackController(FeedbackHistory history) {
        this.history = history;
    }

    /** @param entries newest first */
    record FeedbackHistoryView(String email, List<FeedbackHistory.Entry> entries) {
    }

    @GetMapping(path = "/api/v1/contacts/{email}/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "contactFeedback", summary = "An address's bounces and complaints", description = """
            Each bounce and complaint delivery tied to a message it sent to this address and applied, newest first:
            when it was received, its kind (HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT), its enhanced status code (RFC 3463),
            how it arrived (dsn, arf, mta-text, smtp-reply, ses, postmark, sendgrid, mailgun), the reporting MTA or
            provider, and the draft. A hard bounce tags the address hard_bounced, soft bounces reaching the threshold
            soft_bounced, a complaint complained: see its tags in the contact list.""")
    @ApiResponse(responseCode = "200", description = "The history; empty when the address never bounced or complained")
    FeedbackHistoryView feedback(
            @Parameter(description = "The contact's address, any case", example = "ada@example.com")
            @PathVariable String email,
            @Parameter(description = "At most this many entries, 1 to 200 (default 50)")
            @RequestParam(required = false) Integer limit) {
        int max = limit == null ? 50 : limit;
        if (max < 1 || max > MAX) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + MAX + ", not " + max + ".");
        }
        String address = ContactAddress.parse(email);
        return new FeedbackHistoryView(address, history.of(address, max));
    }
}
