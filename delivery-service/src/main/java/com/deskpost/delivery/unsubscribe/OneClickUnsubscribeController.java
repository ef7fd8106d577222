package com.deskpost.delivery.unsubscribe;

import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.delivery.contacts.ConsentRecorder;
import com.deskpost.delivery.preferences.PreferenceLinks;
import com.deskpost.events.ConsentAction;
import com.deskpost.platform.id.DraftIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in every commercial mail's {@code List-Unsubscribe} header and footer (RFC 8058). The
 * signed token in the URL is the authorisation: it names the one address it was issued for. Only a
 * POST unsubscribes, as RFC 8058 requires: mail clients send {@code List-Unsubscribe=One-Click}
 * themselves, and a person who follows the link gets a page with a button, because spam filters
 * and link scanners fetch every link in a mail with GET. The unsubscribe takes effect immediately
 * (DESIGN §4) and is announced on mail.consent. The page also offers the member's preference page, for
 * someone who would rather stop one topic than everything.
 */
@RestController
@Tag(name = "One-click unsubscribe", description = "The unsubscribe link of commercial mail (RFC 8058); HTML, no API key")
class OneClickUnsubscribeController {

    private static final Logger log = LoggerFactory.getLogger(OneClickUnsubscribeController.class);
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final String ONE_CLICK = "One-Click";

    private final UnsubscribeTokens tokens;
    private final ConsentRecorder consent;
    private final PreferenceLinks preferences;

    OneClickUnsubscribeController(UnsubscribeTokens tokens, ConsentRecorder consent, PreferenceLinks preferences) {
        this.tokens = tokens;
        this.consent = consent;
        this.preferences = preferences;
    }

    @GetMapping(path = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "unsubscribePage", summary = "Confirmation page with an Unsubscribe button",
            description = "Changes nothing: link scanners fetch links with GET. 404 when the token is not genuine.")
    @ApiResponse(responseCode = "200", description = "The page with the masked address and the button",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "404", description = "A page saying the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    ResponseEntity<String> page(@Parameter(description = "Signed token from the mail") @PathVariable String token) {
        Optional<String> email = tokens.verify(token);
        if (email.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, UnsubscribePages.invalidLink());
        }
        String address = DraftIds.normaliseEmail(email.get());
        return html(HttpStatus.OK, UnsubscribePages.confirm(email.get(), "/unsubscribe/" + token,
                preferences.path(address, null, Instant.now())));
    }

    @PostMapping(path = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE,
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    @Operation(operationId = "unsubscribeOneClick", summary = "Unsubscribe (RFC 8058 one-click)", description = """
            With the form field List-Unsubscribe=One-Click, tags the token's address unsubscribed at once and
            answers a confirmation page. Repeating it is harmless. 404 when the token is not genuine.""")
    @ApiResponse(responseCode = "200", description = "Unsubscribed: a confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "400", description = "No List-Unsubscribe=One-Click in the body: nothing changed",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "404", description = "A page saying the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    ResponseEntity<String> unsubscribe(
            @Parameter(description = "Signed token from the mail") @PathVariable String token,
            @Parameter(description = "Must be One-Click")
            @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
        Optional<String> email = tokens.verify(token);
        if (email.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, UnsubscribePages.invalidLink());
        }
        if (!ONE_CLICK.equals(oneClick)) {
            return html(HttpStatus.BAD_REQUEST, UnsubscribePages.notOneClick());
        }
        consent.record(DraftIds.normaliseEmail(email.get()), ConsentTag.UNSUBSCRIBED, ConsentAction.ADDED, "one-click", null,
                "recipient");
        return html(HttpStatus.OK, UnsubscribePages.unsubscribed(email.get()));
    }

    /** This controller answers people, in HTML, not the API's JSON. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failed(Exception failure) {
        log.error("One-click unsubscribe failed", failure);
        return html(HttpStatus.SERVICE_UNAVAILABLE, UnsubscribePages.failed());
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(page);
    }
}
