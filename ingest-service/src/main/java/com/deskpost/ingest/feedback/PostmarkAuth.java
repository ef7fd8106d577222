package com.deskpost.ingest.feedback;

import com.deskpost.ingest.auth.Hmacs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Postmark does not sign its webhooks. What it documents instead is HTTP basic auth credentials in the webhook URL
 * ({@code https://user:password@host/...}), sent with every call over HTTPS; and its webhook API lets custom HTTP
 * headers be set. Deskpost requires the basic auth credentials when they are configured and the secret header when it
 * is configured (both when both are): basic auth because it is the mechanism Postmark documents and shows in its UI,
 * the header for operators who would rather not put a password in a URL that Postmark displays. Compared in
 * constant time.
 */
final class PostmarkAuth {

    private PostmarkAuth() {
    }

    static void verify(FeedbackProperties.Postmark settings, String authorization, String headerValue) {
        if (settings.basicAuth()) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
            if (authorization == null || !Hmacs.sameSecret(expected, authorization.strip())) {
                throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "Postmark's call did not carry the "
                        + "webhook's basic auth credentials: set the webhook URL in Postmark to "
                        + "https://<username>:<password>@<host>/api/v1/webhooks/feedback/postmark with "
                        + "deskpost.ingest.feedback.postmark.username and .password");
            }
        }
        if (settings.secretHeader()) {
            if (headerValue == null || !Hmacs.sameSecret(settings.headerValue(), headerValue.strip())) {
                throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "Postmark's call did not carry the "
                        + "secret header " + settings.headerName() + ": add it to the webhook's custom headers in "
                        + "Postmark with the value of deskpost.ingest.feedback.postmark.header-value");
            }
        }
    }
}
