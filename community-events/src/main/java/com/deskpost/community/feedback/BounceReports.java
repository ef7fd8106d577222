package com.deskpost.community.feedback;

import com.deskpost.events.MailFeedback;
import com.deskpost.platform.feedback.FeedbackReader;
import com.deskpost.platform.feedback.FeedbackReading;
import com.deskpost.platform.feedback.ReportKind;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.publish.TopicPublisher;
import com.deskpost.platform.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where the inbound doors hand a mail that is a bounce or complaint report: one addressed to the bounce domain
 * (envelope or To), or any multipart/report. Each hard bounce, soft bounce and complaint goes to mail.feedback,
 * keyed by the normalised recipient, acknowledged before the door answers; delayed DSNs, auto-replies and mail that
 * is no report change nothing (logged, counted in {@code deskpost.feedback.reports}); a report that cannot be read
 * is kept on mail.inbound.dlq with the reason, never dropped.
 */
@Component
public class BounceReports {

    private static final Logger log = LoggerFactory.getLogger(BounceReports.class);

    /** What became of a report. */
    public enum Outcome {
        PUBLISHED, NO_EFFECT, DEAD_LETTERED
    }

    private final FeedbackProperties properties;
    private final TopicPublisher publisher;
    private final UnreadableReports unreadable;
    private final MeterRegistry meters;

    BounceReports(FeedbackProperties properties, TopicPublisher publisher, UnreadableReports unreadable,
            MeterRegistry meters) {
        this.properties = properties;
        this.publisher = publisher;
        this.unreadable = unreadable;
        this.meters = meters;
    }

    /** The address at the bounce domain among the envelope recipient and the To/Cc addresses, or null. */
    public String bounceAddress(String envelopeTo, Collection<String> to) {
        if (properties.atBounceDomain(envelopeTo)) {
            return DraftIds.normaliseEmail(envelopeTo);
        }
        return to == null ? null : to.stream().filter(properties::atBounceDomain).findFirst()
                .map(DraftIds::normaliseEmail).orElse(null);
    }

    /** Whether a mail is read here rather than published to mail.inbound. */
    public boolean isReport(String bounceAddress, byte[] raw) {
        return bounceAddress != null || FeedbackReader.isReport(raw);
    }

    /**
     * Reads and publishes one report. Throws when a record cannot be written now (the door answers "retry later"),
     * never for a report it cannot read.
     */
    public Outcome receive(byte[] raw, String bounceAddress, Instant receivedAt) {
        FeedbackReading reading = FeedbackReader.read(raw);
        String reportId = reading.reportMessageId() != null ? reading.reportMessageId() : digest(raw);
        // The per-message address a bounce came to names its message; a feedback loop reports to its one fixed
        // address (fbl@...), so then the returned original's own Return-Path does; else the address it came to.
        String returnPath = perMessage(bounceAddress) || !properties.atBounceDomain(reading.originalReturnPath())
                ? bounceAddress : DraftIds.normaliseEmail(reading.originalReturnPath());
        meters.counter("deskpost.feedback.reports", "kind", reading.kind().name().toLowerCase(Locale.ROOT),
                "source", String.valueOf(reading.source())).increment();
        if (reading.kind() == ReportKind.UNPARSEABLE) {
            unreadable.keep(reportId, raw, reading.reason());
            log.warn("Report {} to {} cannot be read ({}): kept on {}", reportId, bounceAddress, reading.reason(),
                    Topics.MAIL_INBOUND.deadLetterTopic());
            return Outcome.DEAD_LETTERED;
        }
        List<MailFeedback> records = FeedbackRecords.of(reading, reportId, returnPath, receivedAt);
        if (records.isEmpty()) {
            log.info("Report {} to {} is {} ({}): changes nothing", reportId, bounceAddress, reading.kind(),
                    reading.reason() != null ? reading.reason() : reading.reporter());
            return Outcome.NO_EFFECT;
        }
        for (MailFeedback record : records) {
            publisher.publish(Topics.MAIL_FEEDBACK, record.getRecipient(), record);
            log.info("Report {} ({}, {}): {} for {} status {} published", reportId, record.getSource(),
                    record.getReporter(), record.getKind(), record.getRecipient(), record.getStatus());
        }
        return Outcome.PUBLISHED;
    }

    /** Whether the address is shaped like delivery's signed per-message return path ({@code b-<draft>-<sig>@...}). */
    private boolean perMessage(String address) {
        return properties.atBounceDomain(address) && address.strip().toLowerCase(Locale.ROOT).startsWith("b-");
    }

    private static String digest(byte[] raw) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
