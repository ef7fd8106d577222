package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Released mail of each lane (mail.outbound.priority, mail.outbound, mail.outbound.bulk) to the
 * {@link Deliverer}, each record decoded once and looked up in the idempotency ledger with the rest of its poll
 * ({@link PollLookahead}). Each lane has its own listener container, so its own consumers and threads
 * (one per partition, up to {@code deskpost.delivery.listener-concurrency}): access mail is read the
 * moment it is released, however many announcements wait in the bulk lane; one recipient's mail about
 * one entity stays on one partition, so in order, while an announcement's or incident's mail to many
 * recipients is spread over every partition, so over every thread ({@code DraftKeys}). A transient failure (SMTP 4xx, relay unreachable) moves the
 * record to a delay topic and retries it with capped exponential backoff for the retry horizon (days,
 * as an MTA does), so one recipient's trouble never holds up anyone else's mail and a relay outage
 * loses nothing. Undecodable or rejected records, permanent refusals and records past the horizon go to
 * the lane's {@code .dlq} topic, audited {@code DEAD_LETTERED} (and {@code FAILED} past the horizon);
 * for security mail and failed-payment alerts the location's staff are alerted ({@link StaffAlerts}). A record without oversight's
 * matching attestation (written by anyone else, or changed after release) is refused before any
 * other step: dead-lettered with the reason, never sent. The attestation covers the record as
 * released, credentials sealed; they are opened later, for the recipient's message only. A mail
 * whose credential does not open is rejected the same way (audited {@code FAILED}, then
 * dead-lettered keeping the sealed value, so it can be redriven once the key is held again).
 */
@Component
class OutboundListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    /** The consumer group of every lane's listener: one group, rebalanced incrementally (delivery-service.yml). */
    static final String GROUP = "deskpost-delivery";
    static final String PRIORITY_LISTENER = "delivery-priority";
    static final String STANDARD_LISTENER = "delivery";
    static final String BULK_LISTENER = "delivery-bulk";

    private final Deliverer deliverer;
    private final PollLookahead lookahead;
    private final AvroSerdes serdes;
    private final AuditPublisher audit;
    private final ReleaseAttestation attestation;
    private final StaffAlerts alerts;

    OutboundListener(Deliverer deliverer, PollLookahead lookahead, AvroSerdes serdes, AuditPublisher audit,
            ReleaseAttestation attestation, StaffAlerts alerts) {
        this.deliverer = deliverer;
        this.lookahead = lookahead;
        this.serdes = serdes;
        this.audit = audit;
        this.attestation = attestation;
        this.alerts = alerts;
    }

    @KafkaListener(id = PRIORITY_LISTENER, groupId = GROUP,
            concurrency = "${deskpost.delivery.listener-concurrency:3}",
            topics = "#{T(com.deskpost.platform.topic.Lane).PRIORITY.outbound().name()}")
    void onPriority(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    @KafkaListener(id = STANDARD_LISTENER, groupId = GROUP,
            concurrency = "${deskpost.delivery.listener-concurrency:3}",
            topics = "#{T(com.deskpost.platform.topic.Lane).STANDARD.outbound().name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    @KafkaListener(id = BULK_LISTENER, groupId = GROUP,
            concurrency = "${deskpost.delivery.listener-concurrency:3}",
            topics = "#{T(com.deskpost.platform.topic.Lane).BULK.outbound().name()}")
    void onBulk(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    /** The id of the lane's listener container. */
    static String listenerId(Lane lane) {
        return switch (lane) {
            case PRIORITY -> PRIORITY_LISTENER;
            case STANDARD -> STANDARD_LISTENER;
            case BULK -> BULK_LISTENER;
        };
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        PollLookahead.Seen seen = lookahead.see(record);
        OutboundEmail outbound = seen.outbound();
        try (var logContext = MailLogContext.of(outbound.getDraft())) {
            attestation.problem(outbound).ifPresent(problem -> {
                throw new RejectedEvent(problem + "; refused, nothing sent");
            });
            deliverer.deliver(seen, record.topic() + "-" + record.partition() + "@" + record.offset());
        } catch (RuntimeException failed) {
            // The error handler may end the poll here (a seek, a dead letter): the poll's skips are written now.
            lookahead.flushAfter(failed);
            throw failed;
        }
        lookahead.done(seen);
    }

    /**
     * The dead-letter handler of every lane, wired by {@link OutboundRetries}: audits {@code DEAD_LETTERED}, and
     * {@code FAILED} first when the retry horizon passed (the last failure transient); alerts the location's
     * staff when the mail is critical, whatever the reason.
     */
    void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        String reason = DeadLetterHeaders.reason(record.headers());
        log.error("Dead-lettered {} (key {}): {}", record.topic(), record.key(), reason);
        OutboundEmail outbound;
        try {
            outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value());
        } catch (SerializationException undecodable) {
            return; // No draft id to audit against; the dead letter itself keeps the bytes and the reason.
        }
        EmailDraft draft = outbound.getDraft();
        String at = record.topic() + "-" + record.partition() + "@" + record.offset();
        try (var logContext = MailLogContext.of(draft)) {
            if (retryHorizonPassed(record.headers())) {
                audit.publish(AuditEvents.of(draft, AuditType.FAILED, Deliverer.ACTOR).cause(at)
                        .detail("Not delivered within the retry horizon (deskpost.delivery.retry.horizon): the relay"
                                + " kept failing transiently; last failure: " + reason)
                        .attribute("retry_horizon", "passed").build());
            }
            audit.publish(AuditEvents.of(draft, AuditType.DEAD_LETTERED, Deliverer.ACTOR)
                    .cause(at)
                    .detail("Dead-lettered to " + record.topic() + ": " + reason).build());
            String unattested = attestation.problem(outbound).map(problem -> " (" + problem + ")").orElse("");
            alerts.raise(draft, reason + unattested, record.topic());
        }
    }

    /** The last failure was a transient SMTP one: spring-kafka dead-letters those only once the horizon passed. */
    private static boolean retryHorizonPassed(Headers headers) {
        String transientFailure = SmtpFailure.Transient.class.getName();
        for (String name : List.of(KafkaHeaders.DLT_EXCEPTION_FQCN, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
                KafkaHeaders.EXCEPTION_FQCN, KafkaHeaders.EXCEPTION_CAUSE_FQCN)) {
            Header header = headers.lastHeader(name);
            if (header != null && transientFailure.equals(new String(header.value(), StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
