package com.deskpost.ingest.feedback;

import com.deskpost.events.MailFeedback;
import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.events.Produced;
import com.deskpost.platform.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every provider's authenticated call goes through: the replay guard admits it, its events are mapped, each
 * bounce or complaint is produced to mail.feedback under its normalised recipient (acknowledged by the broker before
 * the provider is answered), and the events that are neither are acknowledged and counted. If producing fails the
 * call is let in again, so the provider's retry is not taken for a replay.
 *
 * <p>Metric {@code deskpost.feedback.webhook.events}, tags {@code provider} and {@code outcome}
 * ({@code published}, {@code ignored}).
 */
final class FeedbackIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedbackIntake.class);

    private final ReplayGuard replays;
    private final EventProducer producer;
    private final MeterRegistry meters;

    FeedbackIntake(ReplayGuard replays, EventProducer producer, MeterRegistry meters) {
        this.replays = replays;
        this.producer = producer;
        this.meters = meters;
    }

    /**
     * @param events the call's events mapped; a null entry is an event that is no bounce or complaint
     * @return the answer's body: what was published where, and how many events were ignored
     */
    Map<String, Object> accept(String provider, String callId, Instant signedAt,
            Supplier<List<MailFeedback>> events) {
        String admitted = replays.admit(provider, callId, signedAt);
        try {
            List<MailFeedback> mapped = events.get();
            List<Produced> published = new ArrayList<>();
            int ignored = 0;
            for (MailFeedback feedback : mapped) {
                if (feedback == null) {
                    ignored++;
                    continue;
                }
                published.add(producer.produce(Topics.MAIL_FEEDBACK, feedback.getRecipient(), feedback, provider));
                log.info("{} {} for {} (draft {}, {}) published as feedback {}", provider, feedback.getKind(),
                        feedback.getRecipient(), feedback.getDraftId(), feedback.getStatus(), feedback.getFeedbackId());
            }
            count(provider, "published", published.size());
            count(provider, "ignored", ignored);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("outcome", published.isEmpty() ? "ignored" : "published");
            answer.put("published", published);
            answer.put("ignored", ignored);
            if (published.isEmpty()) {
                answer.put("reason", "no bounce or complaint in this call: acknowledged and not recorded");
            }
            return answer;
        } catch (RuntimeException failed) {
            replays.forget(admitted);
            throw failed;
        }
    }

    private void count(String provider, String outcome, int amount) {
        if (amount > 0) {
            Counter.builder("deskpost.feedback.webhook.events")
                    .description("Mail providers' webhook events received, by provider and outcome")
                    .tag("provider", provider).tag("outcome", outcome).register(meters).increment(amount);
        }
    }
}
