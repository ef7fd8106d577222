package com.deskpost.delivery.contacts;

import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.topic.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A consent change made here takes effect at once, for the very next mail delivery judges (DESIGN
 * §4: unsubscribes take effect immediately), and reaches the other services through mail.consent:
 * the store and the outbox are written in one transaction, and the outbox relay publishes it once
 * that transaction commits.
 */
@Service
public class ConsentRecorder {

    private final ConsentStore store;
    private final Outbox outbox;
    private final TransactionTemplate transactions;

    ConsentRecorder(ConsentStore store, Outbox outbox, TransactionTemplate transactions) {
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /**
     * Applies and announces a change; returns it as recorded. A change about an erased address is neither
     * stored nor announced: announcing it would put the address back on mail.consent, which is kept for ever.
     *
     * @param changedBy who made it: "api:<client>", "recipient" (through a signed link), "delivery" (bounces)
     */
    public ConsentChange record(String normalisedEmail, String tag, ConsentAction action, String source,
            String sourceRef, String changedBy) {
        return record(normalisedEmail, Map.of(tag, action), source, sourceRef, changedBy).get(0);
    }

    /**
     * Several changes of one address made at once (a preference form saved): applied and announced together, in
     * one transaction, all at the same instant. Returns them as recorded, in tag order.
     */
    public List<ConsentChange> record(String normalisedEmail, Map<String, ConsentAction> actions, String source,
            String sourceRef, String changedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ConsentChange> changes = new TreeMap<>(actions).entrySet().stream()
                .map(tag -> ConsentChange.newBuilder(change(normalisedEmail, tag.getKey(), tag.getValue(), source,
                        sourceRef, changedBy)).setChangedAt(now).build())
                .toList();
        transactions.executeWithoutResult(status -> {
            if (!store.erased(normalisedEmail)) {
                changes.forEach(this::stage);
            }
        });
        return changes;
    }

    /** Applies a change and stages its announcement within the caller's transaction. */
    void stage(ConsentChange change) {
        store.apply(change);
        outbox.add(Topics.MAIL_CONSENT, change.getEmail(), change);
    }

    /**
     * Applies an erasure within the caller's transaction: the store drops the address's tags and keeps the
     * erasure under the pseudonym the change carries; the outbox announces only that pseudonym.
     */
    void stageErasure(String normalisedEmail, ConsentChange erasure) {
        store.erase(normalisedEmail, erasure);
        outbox.add(Topics.MAIL_CONSENT, erasure.getEmail(), erasure);
    }

    static ConsentChange change(String normalisedEmail, String tag, ConsentAction action, String source,
            String sourceRef, String changedBy) {
        return ConsentChange.newBuilder()
                .setEmail(normalisedEmail)
                .setTag(tag)
                .setAction(action)
                .setSource(source)
                .setSourceRef(sourceRef)
                .setChangedBy(changedBy)
                // mail.consent carries milliseconds; store the same instant so both copies compare equal.
                .setChangedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
