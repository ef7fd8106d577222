package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.delivery.sending.SmtpSender;
import com.deskpost.events.AuditEvent;
import com.deskpost.platform.id.DraftIds;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the staff alerts {@link StaffAlerts} wrote, at once when woken and again every
 * {@code deskpost.delivery.alert-retry-interval} while any is pending (the relay or the database away), so an
 * alert is never lost. Each pending row is locked ({@code for update skip locked}) for its send, so two
 * instances never send one alert twice; the row is marked sent, the ledger row ({@code ALERT}) and the alert's
 * audit event are written in one transaction with the lock held. A crash between the relay's 250 and that
 * commit sends the alert again: the documented duplicate window of delivery, for alerts too.
 * Hand-written rather than a listener: the alert is one row of delivery's own table, not a Kafka record.
 */
@Component
class StaffAlertRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StaffAlertRelay.class);
    private static final int BATCH = 20;
    static final String PENDING = """
            select draft_id, location_id, staff, sender, sender_name, subject, body, audit from staff_alert
             where sent_at is null order by raised_at limit ? for update skip locked""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SmtpSender smtp;
    private final DeliveryLedger ledger;
    private final AuditPublisher audit;
    private final Duration interval;
    private volatile ScheduledExecutorService thread;

    StaffAlertRelay(JdbcTemplate jdbc, TransactionTemplate transactions, SmtpSender smtp, DeliveryLedger ledger,
            AuditPublisher audit, @Value("${deskpost.delivery.alert-retry-interval:30s}") Duration interval) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.smtp = smtp;
        this.ledger = ledger;
        this.audit = audit;
        this.interval = interval;
    }

    /** Sends pending alerts soon, on the relay's own thread. */
    void wake() {
        ScheduledExecutorService running = thread;
        if (running != null) {
            running.execute(this::sendPendingQuietly);
        }
    }

    /** Sends every pending alert it can; returns how many were sent. */
    int sendPending() {
        int sent = 0;
        while (true) {
            Integer batch = transactions.execute(status -> sendBatch());
            if (batch == null || batch == 0) {
                return sent;
            }
            sent += batch;
        }
    }

    private record Pending(String draftId, String locationId, String staff, String sender, String senderName,
            String subject, String body, byte[] audit) {
    }

    /** One batch, in the caller's transaction: stops at the first transient failure (the relay is away). */
    private int sendBatch() {
        List<Pending> pending = jdbc.query(PENDING,
                (rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8)), BATCH);
        int sent = 0;
        for (Pending alert : pending) {
            String messageId;
            try {
                messageId = send(alert);
            } catch (SmtpFailure failure) {
                jdbc.update("update staff_alert set attempts = attempts + 1, last_error = ? where draft_id = ?",
                        failure.getMessage(), alert.draftId());
                log.warn("Staff alert about draft {} not sent yet ({}); retrying in {}", alert.draftId(),
                        failure.getMessage(), interval);
                if (!failure.permanent()) {
                    return 0; // The relay is away: the rest wait too, and this batch's sends are committed.
                }
                continue;
            }
            Instant now = Clock.systemUTC().instant();
            jdbc.update("update staff_alert set sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = null"
                    + " where draft_id = ?", Timestamp.from(now), messageId, alert.draftId());
            ledger.recordAlert(DraftIds.nameBased("alert", alert.draftId()), alert.staff(), messageId, alert.locationId(), now);
            audit.publish(AuditEvent.newBuilder(decode(alert.audit())).setMessageId(messageId).setOccurredAt(now)
                    .build());
            log.warn("Staff at {} alerted about draft {}", alert.staff(), alert.draftId());
            sent++;
        }
        return sent;
    }

    private String send(Pending alert) {
        try {
            MimeMessage message = smtp.newMessage();
            message.setFrom(new InternetAddress(alert.sender(), alert.senderName(), "UTF-8"));
            message.setRecipients(MimeMessage.RecipientType.TO, alert.staff());
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setSubject(alert.subject(), StandardCharsets.UTF_8.name());
            message.setText(alert.body(), StandardCharsets.UTF_8.name());
            message.saveChanges();
            smtp.send(message);
            return message.getMessageID();
        } catch (MessagingException | UnsupportedEncodingException unbuildable) {
            throw new SmtpFailure.Permanent("Staff alert cannot be built: " + unbuildable.getMessage(), -1, null);
        }
    }

    private static AuditEvent decode(byte[] bytes) {
        try {
            return AuditEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("A stored alert audit event does not decode", e);
        }
    }

    private void sendPendingQuietly() {
        try {
            sendPending();
        } catch (RuntimeException e) {
            // The database away: the next round retries. Nothing is lost, the rows stay pending.
            log.warn("Staff alerts not sent this round; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread relay = new Thread(task, "staff-alert-relay");
            relay.setDaemon(true);
            return relay;
        });
        thread.scheduleWithFixedDelay(this::sendPendingQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
