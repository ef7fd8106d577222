package com.deskpost.delivery.archive;

import com.deskpost.delivery.archive.SentArchive.Archived;
import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.ApiError;
import com.deskpost.platform.api.InvalidRequest;
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
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sent-mail archive over HTTP: what was sent to a member, when, and the exact message. Scope read. */
@RestController
@ApiDocs
@Tag(name = "Archive", description = "The exact messages the SMTP relay accepted, kept per category. Scope: read")
class ArchiveController {

    static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final SentArchive archive;

    ArchiveController(SentArchive archive) {
        this.archive = archive;
    }

    @GetMapping(path = "/api/v1/archive", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listArchive", summary = "What did we send to this member, when", description = """
            The archived messages to one recipient, newest first: draft, Message-ID, SENT or COPY_SENT, category,
            subject, send time, size, SHA-256 (the audit row's archive_sha256), until when it is kept and whether its
            content is still held. Fetch one with GET /api/v1/archive/{sha256}.""")
    @ApiResponse(responseCode = "200", description = "One page of archived messages, newest first")
    Page<ArchiveEntry> list(
            @Parameter(description = "Recipient address, any case", example = "ada@example.com", required = true)
            @RequestParam String recipient,
            @Parameter(description = "Earliest send time included, ISO-8601", example = "2025-03-03T00:00:00Z")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "First send time excluded, ISO-8601", example = "2025-03-04T00:00:00Z")
            @RequestParam(required = false) Instant to,
            @Parameter(description = Paging.CURSOR_DESCRIPTION)
            @RequestParam(required = false) String cursor,
            @Parameter(description = Paging.LIMIT_DESCRIPTION)
            @RequestParam(required = false) Integer limit) {
        return archive.find(DraftIds.normaliseEmail(recipient), new TimeRange(from, to), cursor, Paging.limit(limit));
    }

    @GetMapping(path = "/api/v1/archive/{sha256}")
    @Operation(operationId = "getArchivedMessage", summary = "The exact message as sent (message/rfc822)",
            description = """
            The bytes handed to the SMTP relay, DKIM-Signature included; their SHA-256 is the one in the path. 404
            when no message with this hash is archived (never, or its retention has passed); 410 when its content was
            erased or withheld (it held an access credential).""")
    @ApiResponse(responseCode = "200", description = "The message", content = @Content(mediaType = "message/rfc822",
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "Not archived, or past its retention",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "410", description = "Its content was erased or withheld; the hash remains",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<byte[]> message(@Parameter(description = "Lower-case hex SHA-256 of the message")
            @PathVariable String sha256) {
        Archived archived = held(sha256);
        return ResponseEntity.ok().contentType(RFC822)
                .header("Content-Disposition", "attachment; filename=\"" + archived.entry().sha256() + ".eml\"")
                .body(archived.content());
    }

    @GetMapping(path = "/api/v1/archive/{sha256}/text", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getArchivedText", summary = "An archived message's entry and readable text",
            description = "The entry and the message's text/plain part (or its HTML when it has none). Errors as the"
                    + " message itself.")
    @ApiResponse(responseCode = "200", description = "The entry and its text")
    ArchivedText text(@Parameter(description = "Lower-case hex SHA-256 of the message") @PathVariable String sha256) {
        Archived archived = held(sha256);
        return new ArchivedText(archived.entry(), MessageText.of(archived.content()));
    }

    /**
     * @param entry the archive entry
     * @param text the message's readable text
     */
    @Schema(description = "An archived message's entry and its readable text")
    record ArchivedText(ArchiveEntry entry, String text) {
    }

    private Archived held(String sha256) {
        String hash = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hash).matches()) {
            throw new InvalidRequest("sha256", "'" + sha256 + "' is not a SHA-256 in hex (64 characters 0-9, a-f); "
                    + "take it from the audit row's archive_sha256 or from GET /api/v1/archive.");
        }
        Archived archived = archive.byHash(hash).orElseThrow(() -> new NotFound("No archived message has SHA-256 "
                + hash + ": it was never archived here, or its category's retention has passed and it was deleted."
                + " List what is held with GET /api/v1/archive?recipient=..."));
        if (archived.content() == null) {
            throw new Gone(ArchivedMessage.CREDENTIAL.equals(archived.entry().withheld())
                    ? "The message " + hash + " carried an access credential, whose value is never stored; only its "
                            + "hash and entry are kept. Compare a copy's SHA-256 with this one to check it."
                    : "The content of message " + hash + " was erased with its recipient's address (GDPR art. 17);"
                            + " its hash remains, so the audit trail still verifies.");
        }
        return archived;
    }

    /** The content existed and is gone for good (HTTP 410). */
    static final class Gone extends RuntimeException {

        Gone(String message) {
            super(message);
        }
    }

    @ExceptionHandler(Gone.class)
    ResponseEntity<ApiError> gone(Gone gone) {
        return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("gone", gone.getMessage()));
    }
}
