package com.deskpost.ingest.feedback;

import com.deskpost.events.MailFeedback;
import com.deskpost.ingest.web.JsonRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/feedback/ses}: Amazon SES notifications through an SNS HTTPS subscription. A message
 * is accepted only from a configured TopicArn and with a valid SNS signature (SignatureVersion 1 or 2) under a
 * certificate fetched from Amazon SNS's own URL. A SubscriptionConfirmation for a configured topic is confirmed by
 * fetching its SubscribeURL (an SNS URL too), or, with {@code confirm-subscriptions: false}, logged for the operator
 * to confirm; SNS posts with {@code Content-Type: text/plain}, so the content type is not checked.
 */
@RestController
class SesWebhookController {

    private static final Logger log = LoggerFactory.getLogger(SesWebhookController.class);

    private final FeedbackProperties.Ses settings;
    private final SnsCertificates certificates;
    private final ReplayGuard replays;
    private final FeedbackIntake intake;
    private final JsonRequests requests;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    SesWebhookController(FeedbackProperties properties, SnsCertificates certificates, ReplayGuard feedbackReplayGuard,
            FeedbackIntake intake, JsonRequests requests) {
        this.settings = properties.ses();
        this.certificates = certificates;
        this.replays = feedbackReplayGuard;
        this.intake = intake;
        this.requests = requests;
    }

    @PostMapping(path = "/api/v1/webhooks/feedback/ses", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> receive(HttpServletRequest request) {
        if (!settings.enabled()) {
            throw new WebhookRefused(WebhookRefused.Reason.DISABLED, "The Amazon SES feedback webhook is not enabled "
                    + "here: the operator lists the SNS topics in deskpost.ingest.feedback.ses.topic-arns");
        }
        SnsMessage message = SnsMessage.from(WebhookJson.parse(requests.body(request), "an Amazon SNS message"));
        if (!settings.topicArns().contains(message.topicArn())) {
            throw new WebhookRefused(WebhookRefused.Reason.FORBIDDEN, "SNS topic " + message.topicArn() + " is not "
                    + "one Deskpost accepts feedback from; the operator adds it to "
                    + "deskpost.ingest.feedback.ses.topic-arns");
        }
        certificates.verify(message);
        if (message.notification()) {
            return intake.accept(SesNotifications.PROVIDER, message.messageId(), message.sentAt(), () -> {
                List<MailFeedback> feedback = new ArrayList<>(SesNotifications.map(message.message(), clock.instant()));
                if (feedback.isEmpty()) {
                    feedback.add(null);
                }
                return feedback;
            });
        }
        String admitted = replays.admit(SesNotifications.PROVIDER, message.messageId(), message.sentAt());
        try {
            return subscription(message);
        } catch (RuntimeException failed) {
            replays.forget(admitted);
            throw failed;
        }
    }

    private Map<String, Object> subscription(SnsMessage message) {
        if (SnsMessage.UNSUBSCRIBE_CONFIRMATION.equals(message.type())) {
            log.warn("SNS topic {} unsubscribed this endpoint; to subscribe again visit {}", message.topicArn(),
                    message.subscribeUrl());
            return Map.of("outcome", "unsubscribe_logged");
        }
        if (!settings.confirmSubscriptions() || !certificates.allowed(message.subscribeUrl())) {
            log.warn("SNS asks to confirm the subscription of this endpoint to {}: the operator confirms it by "
                    + "visiting {}", message.topicArn(), message.subscribeUrl());
            return Map.of("outcome", "subscription_logged",
                    "reason", "confirm the subscription by visiting the SubscribeURL (logged)");
        }
        try {
            HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create(message.subscribeUrl()))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (confirmed.statusCode() != 200) {
                throw new WebhookRefused(WebhookRefused.Reason.UNAVAILABLE, "SNS answered HTTP "
                        + confirmed.statusCode() + " to the subscription confirmation; SNS will ask again");
            }
        } catch (IOException e) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAVAILABLE, "The subscription could not be confirmed: "
                    + e.getMessage() + "; SNS will ask again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookRefused(WebhookRefused.Reason.UNAVAILABLE, "Interrupted confirming the subscription", e);
        }
        log.info("Confirmed this endpoint's subscription to SNS topic {}", message.topicArn());
        return Map.of("outcome", "subscription_confirmed");
    }
}
