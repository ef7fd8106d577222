package com.deskpost.delivery.contacts;

import com.deskpost.delivery.consent.ConsentHistory;
import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who changed an address's consent, what, when and through which door (scope contacts): the evidence of consent. */
@RestController
@ApiDocs
@Tag(name = "Contacts")
class ConsentHistoryController {

    private final ConsentHistory history;

    ConsentHistoryController(ConsentHistory history) {
        this.history = history;
    }

    @GetMapping(path = "/api/v1/contacts/{email}/consent-history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "consentHistory", summary = "An address's consent changes, newest first", description = """
            Every change of the address's consent tags delivery has recorded: when (changedAt), the tag (unsubscribed,
            opt_in, ccpa_opt_out, hard_bounced, soft_bounced, complained, topic_off:<topic>@<location>), ADDED or
            REMOVED, through which door (source: one-click, preference-centre, contacts-api or the API client's own,
            inbound-mail, bounce, complaint, erasure...), its reference there (sourceRef), and who made it (changedBy:
            api:<client>, recipient, delivery, ...; absent for changes recorded before contract v6). History starts
            with each tag's state when it was first kept. After an erasure nothing is left for the address.""")
    @ApiResponse(responseCode = "200", description = "One page of changes, newest first; empty when none is held")
    Page<ConsentHistory.Entry> consentHistory(
            @Parameter(description = "The contact's address, any case", example = "ada@example.com")
            @PathVariable String email,
            @Parameter(description = Paging.CURSOR_DESCRIPTION)
            @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION)
            @RequestParam(required = false) Integer limit) {
        return history.page(ContactAddress.parse(email), cursor, Paging.limit(limit));
    }
}
