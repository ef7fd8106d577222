package com.deskpost.delivery.audit;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.topic.Topics;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes delivery's audit events to mail.audit, keyed by draft id, through the outbox: inside the
 * caller's transaction when there is one (a sent mail's ledger row, so the two commit together),
 * else in a transaction of its own. Every audit event of delivery takes this one path, so the events
 * of one draft leave in the order they were recorded and none waits on, or is lost to, the broker.
 */
@Component
public class AuditPublisher {

    private final Outbox outbox;
    private final TransactionTemplate transactions;

    public AuditPublisher(Outbox outbox, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.transactions = transactions;
    }

    public void publish(AuditEvent event) {
        transactions.executeWithoutResult(status -> outbox.add(Topics.MAIL_AUDIT, event.getDraftId(), event));
    }

    /** Several events in one transaction and one JDBC batch, in this order (a replayed poll's skips). */
    public void publishAll(List<AuditEvent> events) {
        transactions.executeWithoutResult(status -> outbox.addAll(Topics.MAIL_AUDIT, events, AuditEvent::getDraftId));
    }
}
