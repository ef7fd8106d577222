package com.deskpost.ingest.feedback;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail providers' feedback webhooks. Each provider is disabled (its endpoint answers 404) until its credentials are
 * configured.
 *
 * @param replayWindow   how far a call's signed time may be from the server's clock, and how long its id is
 *                       remembered so a second arrival is refused (default 5 minutes)
 * @param replayCapacity how many ids the in-memory replay store holds at most (default 100,000)
 */
@ConfigurationProperties("deskpost.ingest.feedback")
public record FeedbackProperties(Duration replayWindow, Integer replayCapacity, Ses ses, Postmark postmark,
        SendGrid sendgrid, Mailgun mailgun) {

    public FeedbackProperties {
        replayWindow = replayWindow == null ? Duration.ofMinutes(5) : replayWindow;
        replayCapacity = replayCapacity == null ? 100_000 : replayCapacity;
        ses = ses == null ? new Ses(null, null, null) : ses;
        postmark = postmark == null ? new Postmark(null, null, null, null) : postmark;
        sendgrid = sendgrid == null ? new SendGrid(null) : sendgrid;
        mailgun = mailgun == null ? new Mailgun(null) : mailgun;
    }

    /**
     * Amazon SES event or notification publishing through an SNS topic with an HTTPS subscription.
     *
     * @param topicArns            the SNS topics whose messages are accepted; none: SES disabled
     * @param snsUrlPattern        regular expression a SigningCertURL and SubscribeURL must start with to be fetched
     * @param confirmSubscriptions whether a SubscriptionConfirmation for a listed topic is confirmed by fetching its
     *                             SubscribeURL (default true); false: it is logged for the operator to confirm
     */
    public record Ses(List<String> topicArns, String snsUrlPattern, Boolean confirmSubscriptions) {

        public Ses {
            topicArns = topicArns == null ? List.of() : topicArns.stream().filter(arn -> !arn.isBlank()).toList();
            snsUrlPattern = snsUrlPattern == null || snsUrlPattern.isBlank()
                    ? "https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/" : snsUrlPattern;
            confirmSubscriptions = confirmSubscriptions == null || confirmSubscriptions;
        }

        boolean enabled() {
            return !topicArns.isEmpty();
        }
    }

    /**
     * Postmark's bounce and spam-complaint webhooks (unsigned: see PostmarkAuth).
     *
     * @param username    basic auth user name put in the webhook URL
     * @param password    basic auth password put in the webhook URL
     * @param headerName  a custom header set on the webhook in Postmark, e.g. X-Deskpost-Webhook-Secret
     * @param headerValue its value
     */
    public record Postmark(String username, String password, String headerName, String headerValue) {

        boolean basicAuth() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }

        boolean secretHeader() {
            return headerName != null && !headerName.isBlank() && headerValue != null && !headerValue.isBlank();
        }

        boolean enabled() {
            return basicAuth() || secretHeader();
        }
    }

    /** @param publicKey the verification key SendGrid shows for its signed Event Webhook (base64 DER) */
    public record SendGrid(String publicKey) {

        boolean enabled() {
            return publicKey != null && !publicKey.isBlank();
        }
    }

    /** @param signingKey the account's HTTP webhook signing key (Mailgun: Sending, Webhooks) */
    public record Mailgun(String signingKey) {

        boolean enabled() {
            return signingKey != null && !signingKey.isBlank();
        }
    }
}
