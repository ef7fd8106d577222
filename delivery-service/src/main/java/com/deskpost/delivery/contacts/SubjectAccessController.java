package com.deskpost.delivery.contacts;

import com.deskpost.delivery.subject.MissingPart;
import com.deskpost.delivery.subject.SubjectAccess;
import com.deskpost.delivery.subject.SubjectExport;
import com.deskpost.delivery.subject.SubjectExportIncomplete;
import com.deskpost.platform.api.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GDPR art. 15 subject access over HTTP (scope subject-access, implied by no other scope). */
@RestController
@ApiDocs
@Tag(name = "Contacts")
class SubjectAccessController {

    /** Retry-After of a refused export: the services it waits for are usually back within a minute. */
    private static final String RETRY_AFTER_SECONDS = "60";

    /**
     * The answer when a section could not be collected: no export, and each missing section named.
     *
     * @param missing each section left out, the service that holds it and what happened
     */
    @Schema(description = "The export was refused because these sections could not be collected")
    record IncompleteExport(@Schema(example = "subject_access_incomplete") String error, String message,
            List<MissingPart> missing) {
    }

    private final SubjectAccess subjectAccess;

    SubjectAccessController(SubjectAccess subjectAccess) {
        this.subjectAccess = subjectAccess;
    }

    @GetMapping(path = "/api/v1/contacts/{email}/subject-access", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "subjectAccess", summary = "Everything held about a person (GDPR art. 15)",
            description = """
            One export of every store's part about the address and its keyed pseudonym (what rows written after an
            erasure name): directory entries, consent tags, sent mail (ledger), bounces and complaints, send claims,
            drafts held by oversight, staff digest entries, the audit trail, and what further stores add (README,
            "Subject access"). All or nothing: when a service holding a part does not answer, the answer is 503
            naming each missing section, never an export without it.""")
    @ApiResponse(responseCode = "200", description = "The export, by section; a section is an empty list when it "
            + "holds nothing about the person")
    @ApiResponse(responseCode = "503", description = "A section could not be collected; retry once its service answers",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = IncompleteExport.class)))
    SubjectExport export(
            @Parameter(description = "The person's address, any case", example = "ada@example.com")
            @PathVariable String email, Principal client) {
        return subjectAccess.export(ContactAddress.parse(email), client.getName());
    }

    @ExceptionHandler(SubjectExportIncomplete.class)
    ResponseEntity<IncompleteExport> incomplete(SubjectExportIncomplete incomplete) {
        String parts = incomplete.missing().stream()
                .map(part -> part.section() + " (" + part.reason() + ")").collect(Collectors.joining("; "));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(new IncompleteExport("subject_access_incomplete", "No export was made, because it would "
                        + "leave out what these services hold about the person: " + parts + ". Retry once they "
                        + "answer; nothing was changed.", incomplete.missing()));
    }
}
