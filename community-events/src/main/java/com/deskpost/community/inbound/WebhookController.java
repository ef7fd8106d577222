package com.deskpost.community.inbound;

import com.deskpost.community.feedback.BounceReports;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook door for inbound mail: the mail provider posts each received mail as JSON (behind the
 * bearer key of {@link WebhookKeyFilter}). 202 once it is on mail.inbound; 200 with outcome
 * {@code ignored} for mail a machine sent; 400 naming the field at fault; 503 when it cannot be
 * published now, so the provider retries (the same Message-ID counts once downstream). A bounce or complaint
 * report (to the bounce domain, or a multipart/report given whole in {@code raw}) goes to {@link BounceReports},
 * as at the SMTP listener: 202 with outcome {@code report} and what became of it.
 */
@RestController
class WebhookController {

    static final String PATH = "/api/v1/inbound/messages";

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final InboundIntake intake;
    private final BounceReports reports;
    private final Clock clock = Clock.systemUTC();

    WebhookController(InboundIntake intake, BounceReports reports) {
        this.intake = intake;
        this.reports = reports;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> receive(@RequestBody WebhookMessage message) {
        ReceivedMail mail = WebhookMail.read(message, clock.instant());
        String bounceAddress = reports.bounceAddress(null, message.to());
        byte[] raw = message.raw() == null || message.raw().isBlank() ? null
                : message.raw().getBytes(StandardCharsets.UTF_8);
        if (raw != null ? reports.isReport(bounceAddress, raw) : bounceAddress != null) {
            // Without the raw mail, a text bounce can still be read from the fields the provider parsed.
            byte[] report = raw != null ? raw : WebhookMail.asRfc5322(mail).getBytes(StandardCharsets.UTF_8);
            BounceReports.Outcome outcome = reports.receive(report, bounceAddress, clock.instant());
            Map<String, String> body = new LinkedHashMap<>();
            body.put("messageId", mail.mail().getMessageId());
            body.put("outcome", "report");
            body.put("report", outcome.name().toLowerCase(java.util.Locale.ROOT));
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        }
        InboundIntake.Outcome outcome = intake.receive(mail);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("messageId", mail.mail().getMessageId());
        if (outcome == InboundIntake.Outcome.IGNORED_AUTO_SUBMITTED) {
            body.put("outcome", "ignored");
            body.put("reason", "sent automatically (Auto-Submitted or Precedence header): not answered");
            return ResponseEntity.ok(body);
        }
        body.put("outcome", "accepted");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @ExceptionHandler(InvalidInbound.class)
    ResponseEntity<Map<String, String>> invalid(InvalidInbound invalid) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage(), invalid.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException unreadable) {
        return error(HttpStatus.BAD_REQUEST, "invalid_request", "The body is not a JSON object of a mail: "
                + "send {\"from\": ..., \"to\": [...], \"subject\": ..., \"text\": ...}", "body");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException unsupported) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Send the mail as Content-Type: application/json", null);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> unavailable(RuntimeException failure) {
        log.error("Inbound webhook mail could not be published; the provider should retry", failure);
        return error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "The mail could not be recorded just now; retry it (the same Message-ID is counted once)", null);
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message,
            String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
