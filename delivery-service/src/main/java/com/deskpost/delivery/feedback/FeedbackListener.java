package com.deskpost.delivery.feedback;

import com.deskpost.delivery.ledger.DeliveryLedger.Sent;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Bounces and complaints from mail.feedback (the SMTP listener's reports, the providers' webhooks) applied to the
 * message they are about. A report that cannot be tied to a message delivery sent (a forged or foreign return
 * path, an unknown message) changes nothing: it is dead-lettered on mail.feedback.dlq with the reason (the
 * container's error handler, as for every listener: our own infrastructure failing is waited out, not
 * dead-lettered) and counted in {@code deskpost.feedback{outcome=untied}}.
 */
@Component
class FeedbackListener {

    static final String METRIC = "deskpost.feedback";
    private static final java.util.Set<String> KNOWN_SOURCES = java.util.Set.of("dsn", "arf", "mta-text", "smtp-reply",
            "ses", "postmark", "sendgrid", "mailgun");
    private static final Logger log = LoggerFactory.getLogger(FeedbackListener.class);

    private final MessageTie tie;
    private final FeedbackApplier applier;
    private final AvroSerdes serdes;
    private final MeterRegistry meters;

    FeedbackListener(MessageTie tie, FeedbackApplier applier, AvroSerdes serdes, MeterRegistry meters) {
        this.tie = tie;
        this.applier = applier;
        this.serdes = serdes;
        this.meters = meters;
    }

    @KafkaListener(id = "feedback", groupId = "deskpost-delivery-feedback",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_FEEDBACK.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        MailFeedback feedback = serdes.deserialize(Topics.MAIL_FEEDBACK, record.value());
        Sent sent;
        try {
            sent = tie.tie(feedback);
        } catch (RejectedEvent untied) {
            count("untied", feedback);
            log.warn("Feedback {} ({} {}) not applied: {}", feedback.getFeedbackId(), feedback.getSource(),
                    feedback.getKind(), untied.getMessage());
            throw untied;
        }
        count(applier.apply(feedback, sent) ? "applied" : "replayed", feedback);
    }

    private void count(String outcome, MailFeedback feedback) {
        // The source is the producer's word: only known ones become a tag value, so a bad record cannot add series.
        String source = KNOWN_SOURCES.contains(feedback.getSource()) ? feedback.getSource() : "other";
        meters.counter(METRIC, "outcome", outcome, "kind", feedback.getKind().name(), "source", source).increment();
    }
}
