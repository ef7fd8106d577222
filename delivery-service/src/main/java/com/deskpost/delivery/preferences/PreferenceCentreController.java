package com.deskpost.delivery.preferences;

import com.deskpost.delivery.preferences.PreferenceChoices.Choices;
import com.deskpost.delivery.preferences.PreferenceTokens.Expired;
import com.deskpost.delivery.preferences.PreferenceTokens.Genuine;
import com.deskpost.delivery.preferences.PreferenceTokens.Link;
import com.deskpost.delivery.preferences.PreferenceTokens.Verified;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
 * The preference centre: the page behind "Manage your preferences" in every commercial mail and on the unsubscribe
 * page. The signed token in the URL is the authorisation, as for unsubscribe links: it names the one address (and
 * the mail's location) it was issued for, until it expires. A GET only shows the form, since link scanners fetch
 * every link; only a POST of the page's own form changes anything. There is no session or cookie for another site
 * to ride on, and the POST must carry the form value derived from the token ({@link PreferenceTokens#formToken}).
 * The page needs no JavaScript; after saving it answers with a redirect to itself (post/redirect/get), so reloading
 * does not post again.
 */
@RestController
@Tag(name = "Preference centre", description = "The preference page of commercial mail; HTML, no API key")
class PreferenceCentreController {

    private static final Logger log = LoggerFactory.getLogger(PreferenceCentreController.class);
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    // No scripts, nothing loaded from elsewhere, never framed, and the token never leaves in a Referer.
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final PreferenceTokens tokens;
    private final PreferenceChoices choices;

    PreferenceCentreController(PreferenceTokens tokens, PreferenceChoices choices) {
        this.tokens = tokens;
        this.choices = choices;
    }

    @GetMapping(path = "/preferences/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "preferencePage", summary = "The member's topic choices per location, as a form",
            description = "Changes nothing. 404 when the token is not genuine, 410 when it has expired.")
    @ApiResponse(responseCode = "200", description = "The form", content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "404", description = "A page saying the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "410", description = "A page saying the link has expired",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    ResponseEntity<String> page(@Parameter(description = "Signed token from the mail") @PathVariable String token,
            @Parameter(description = "Present after a save: the page says the choices are saved")
            @RequestParam(required = false) String saved) {
        Verified verified = tokens.verify(token, Instant.now());
        if (!(verified instanceof Genuine genuine)) {
            return refused(verified);
        }
        Link link = genuine.link();
        Choices current = choices.of(link.email(), link.locationId());
        if (current.erased()) {
            return html(HttpStatus.NOT_FOUND, PreferencePages.nothingHeld());
        }
        return html(HttpStatus.OK, PreferencePages.form(link.email(), current, "/preferences/" + token,
                tokens.formToken(token), saved != null));
    }

    @PostMapping(path = "/preferences/{token}", produces = MediaType.TEXT_HTML_VALUE,
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(operationId = "savePreferences", summary = "Save the member's topic choices", description = """
            The page's form: each choice it showed (shown) is on when ticked (on), off when not. Takes effect at once
            and is announced on mail.consent as topic_off:<topic>@<location> tags, source preference-centre,
            changed by the recipient. Answers 303 to the page.""")
    @ApiResponse(responseCode = "303", description = "Saved: back to the page, which says so")
    @ApiResponse(responseCode = "400", description = "A form this page did not show: nothing changed",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "404", description = "A page saying the link is not valid",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    @ApiResponse(responseCode = "410", description = "A page saying the link has expired",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE))
    ResponseEntity<String> save(@Parameter(description = "Signed token from the mail") @PathVariable String token,
            @Parameter(description = "The page's form value") @RequestParam(name = "form", required = false) String form,
            @Parameter(description = "Each <topic>@<location> the page showed")
            @RequestParam(name = "shown", required = false) List<String> shown,
            @Parameter(description = "Each <topic>@<location> ticked")
            @RequestParam(name = "on", required = false) List<String> on) {
        Verified verified = tokens.verify(token, Instant.now());
        if (!(verified instanceof Genuine genuine)) {
            return refused(verified);
        }
        if (!tokens.formTokenMatches(token, form)) {
            return html(HttpStatus.BAD_REQUEST, PreferencePages.formNotOurs());
        }
        Link link = genuine.link();
        try {
            int changed = choices.save(link.email(), link.locationId(), shown == null ? List.of() : shown,
                    on == null ? List.of() : on);
            log.info("Preference centre: {} topic choices changed", changed);
        } catch (PreferenceChoices.NotOffered notOffered) {
            return html(HttpStatus.BAD_REQUEST, PreferencePages.formNotOurs());
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/preferences/" + token + "?saved"))
                .cacheControl(CacheControl.noStore()).build();
    }

    /** This controller answers people, in HTML, not the API's JSON. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failed(Exception failure) {
        log.error("Preference centre failed", failure);
        return html(HttpStatus.SERVICE_UNAVAILABLE, PreferencePages.failed());
    }

    private static ResponseEntity<String> refused(Verified verified) {
        return verified instanceof Expired ? html(HttpStatus.GONE, PreferencePages.expired())
                : html(HttpStatus.NOT_FOUND, PreferencePages.invalidLink());
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", POLICY).header("Referrer-Policy", "no-referrer").body(page);
    }
}
