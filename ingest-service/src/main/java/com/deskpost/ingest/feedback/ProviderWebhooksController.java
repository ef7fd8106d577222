package com.deskpost.ingest.feedback;

import com.deskpost.ingest.web.JsonRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/webhooks/feedback/{postmark,sendgrid,mailgun}}: each provider's call authenticated by its own
 * mechanism (Postmark: basic auth and/or a secret header; SendGrid: ECDSA signature; Mailgun: HMAC signature), then
 * admitted by the replay guard and its bounces and complaints published to mail.feedback. Answered 200 with what was
 * published, also when nothing was (deliveries, opens, clicks are acknowledged so the provider does not retry them).
 */
@RestController
class ProviderWebhooksController {

    private final FeedbackProperties properties;
    private final FeedbackIntake intake;
    private final JsonRequests requests;
    private final SendGridSignature sendGrid;
    private final Clock clock = Clock.systemUTC();

    ProviderWebhooksController(FeedbackProperties properties, FeedbackIntake intake, JsonRequests requests) {
        this.properties = properties;
        this.intake = intake;
        this.requests = requests;
        this.sendGrid = properties.sendgrid().enabled() ? new SendGridSignature(properties.sendgrid().publicKey())
                : null;
    }

    @PostMapping(path = "/api/v1/webhooks/feedback/postmark", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> postmark(HttpServletRequest request) {
        FeedbackProperties.Postmark settings = properties.postmark();
        requireEnabled(settings.enabled(), "Postmark", "deskpost.ingest.feedback.postmark.username and .password "
                + "(or .header-name and .header-value)");
        byte[] body = requests.body(request);
        PostmarkAuth.verify(settings, request.getHeader(HttpHeaders.AUTHORIZATION),
                settings.secretHeader() ? request.getHeader(settings.headerName()) : null);
        JsonRequests.requireJson(request);
        JsonNode webhook = object(body, "a Postmark webhook object (RecordType, ID, Type, Email, BouncedAt...)");
        return intake.accept(PostmarkEvents.PROVIDER, PostmarkEvents.id(webhook), PostmarkEvents.at(webhook),
                () -> Arrays.asList(PostmarkEvents.map(webhook, clock.instant()).orElse(null)));
    }

    @PostMapping(path = "/api/v1/webhooks/feedback/sendgrid", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> sendgrid(HttpServletRequest request) {
        requireEnabled(sendGrid != null, "SendGrid", "deskpost.ingest.feedback.sendgrid.public-key");
        byte[] body = requests.body(request);
        String signature = request.getHeader(SendGridSignature.SIGNATURE_HEADER);
        String timestamp = request.getHeader(SendGridSignature.TIMESTAMP_HEADER);
        sendGrid.verify(signature, timestamp, body);
        JsonRequests.requireJson(request);
        JsonNode events = WebhookJson.parse(body, "SendGrid's JSON array of events");
        return intake.accept(SendGridEvents.PROVIDER, SendGridSignature.callId(timestamp, body),
                SendGridSignature.at(timestamp),
                () -> SendGridEvents.map(events, clock.instant()));
    }

    @PostMapping(path = "/api/v1/webhooks/feedback/mailgun", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> mailgun(HttpServletRequest request) {
        requireEnabled(properties.mailgun().enabled(), "Mailgun", "deskpost.ingest.feedback.mailgun.signing-key");
        byte[] body = requests.body(request);
        JsonRequests.requireJson(request);
        JsonNode webhook = object(body, "Mailgun's webhook object (signature, event-data)");
        MailgunSignature signature = MailgunSignature.from(webhook);
        signature.verify(properties.mailgun().signingKey());
        return intake.accept(MailgunEvents.PROVIDER, signature.token(), signature.at(),
                () -> Arrays.asList(MailgunEvents.map(webhook, clock.instant()).orElse(null)));
    }

    private static void requireEnabled(boolean enabled, String provider, String settings) {
        if (!enabled) {
            throw new WebhookRefused(WebhookRefused.Reason.DISABLED, "The " + provider + " feedback webhook is not "
                    + "enabled here: the operator sets " + settings);
        }
    }

    private static JsonNode object(byte[] body, String what) {
        JsonNode json = WebhookJson.parse(body, what);
        if (!json.isObject()) {
            throw WebhookJson.malformed("$", "expected " + what);
        }
        return json;
    }
}
