package com.deskpost.delivery.contacts;

import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.InvalidRequest;
import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** tag_email, manage_contacts and GDPR erasure over HTTP. */
@RestController
@ApiDocs
@Tag(name = "Contacts", description = "Consent tags and contact lists (scope: contacts) and GDPR "
        + "erasure (scope: erasure, not implied by contacts)")
class ContactsController {

    private static final String DEFAULT_SOURCE = "contacts-api";
    private static final String SOURCE_FORM = "[A-Za-z0-9._:-]{1,64}";

    private final ConsentRecorder recorder;
    private final ConsentStore consent;
    private final ContactDirectory directory;
    private final Erasure erasure;

    ContactsController(ConsentRecorder recorder, ConsentStore consent, ContactDirectory directory, Erasure erasure) {
        this.recorder = recorder;
        this.consent = consent;
        this.directory = directory;
        this.erasure = erasure;
    }

    @GetMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "manageContacts", summary = "List contacts by tag and jurisdiction (manage_contacts)",
            description = """
            Contacts carrying a consent tag, members with a location in a jurisdiction, or, given both, members in
            the jurisdiction who carry the tag; each with its current tags and its locations' jurisdictions.
            Give at least one of tag and jurisdiction. In address order.""")
    @ApiResponse(responseCode = "200", description = "One page of contacts, in address order; may be empty")
    Page<Contact> contacts(
            @Parameter(description = "unsubscribed, opt_in, ccpa_opt_out, hard_bounced, soft_bounced, complained or erased",
                    example = "opt_in")
            @RequestParam(required = false) String tag,
            @Parameter(description = "Jurisdiction of a member's location: EU, UK, US-CA, US...", example = "UK")
            @RequestParam(required = false) String jurisdiction,
            @Parameter(description = Paging.CURSOR_DESCRIPTION)
            @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION)
            @RequestParam(required = false) Integer limit) {
        if (!StringUtils.hasText(tag) && !StringUtils.hasText(jurisdiction)) {
            throw new InvalidRequest("tag", "Give tag, jurisdiction or both, e.g. ?tag=opt_in&jurisdiction=UK.");
        }
        return directory.list(StringUtils.hasText(tag) ? ApiTags.listable(tag) : null,
                StringUtils.hasText(jurisdiction) ? jurisdiction.trim() : null, cursor, Paging.limit(limit));
    }

    @PostMapping(path = "/api/v1/contacts/{email}/tags", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "tagEmail", summary = "Add or remove a consent tag (tag_email)", description = """
            Takes effect at once: the next mail delivery judges for this address sees it. It is also published on
            mail.consent so the other services learn of it. unsubscribed stops commercial mail; opt_in is the
            explicit consent commercial mail in the EU and UK needs; ccpa_opt_out stops commercial mail in US-CA;
            hard_bounced and soft_bounced stop all mail; complained stops commercial mail (and transactional mail if
            deskpost.feedback.complaint-stops says so). To erase a contact, use the erasure endpoint.""")
    @ApiResponse(responseCode = "200", description = "Recorded: the change and the address's tags now")
    ConsentUpdate tag(
            @Parameter(description = "The contact's address, any case", example = "ada@example.com")
            @PathVariable String email,
            @RequestBody TagRequest request, Principal client) {
        String address = ContactAddress.parse(email);
        ConsentChange change = recorder.record(address, ApiTags.settable(request.tag()), action(request.action()),
                source(request.source()), "api-client:" + client.getName(), "api:" + client.getName());
        return new ConsentUpdate(address, change.getTag(), change.getAction().name(), change.getSource(),
                change.getChangedBy(), change.getChangedAt(), consent.tags(address).stream().sorted().toList());
    }

    @PostMapping(path = "/api/v1/contacts/{email}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "eraseContact", summary = "Erase a contact (GDPR art. 17)", description = """
            In one transaction: tags the address erased, so nothing is sent to it again, and replaces it by a
            pseudonym in the sent-mail ledger, removing the subjects that could name the person. Announced on
            mail.consent under the keyed pseudonym, never the address; the rest follows asynchronously when the
            other services read the announcement: audit-service pseudonymises the audit trail (its chain still
            verifies), oversight drops drafts held for the address. The answer says so (auditTrail,
            pendingDrafts); it does not wait for them. Cannot be undone; calling it again is harmless and reports
            zero rows.""")
    @ApiResponse(responseCode = "200", description = "Erased here: how many ledger rows were pseudonymised, "
            + "and what the other services do once they read the announcement")
    ErasureReport erase(
            @Parameter(description = "The contact's address, any case", example = "ada@example.com")
            @PathVariable String email, Principal client) {
        return erasure.erase(ContactAddress.parse(email), client.getName());
    }

    private static ConsentAction action(String action) {
        try {
            return ConsentAction.valueOf(String.valueOf(action).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("action", "action must be ADDED or REMOVED, not '" + action + "'.");
        }
    }

    private static String source(String source) {
        if (source == null) {
            return DEFAULT_SOURCE;
        }
        if (!source.matches(SOURCE_FORM)) {
            throw new InvalidRequest("source", "source must be 1 to 64 letters, digits or . _ : -, e.g. crm-sync.");
        }
        return source;
    }
}
