package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.stereotype.Component;

/**
 * What delivery learns once per poll instead of once per record (DESIGN §3.4 stays per recipient): each record of
 * the poll decoded once, and which of their (draft, recipient) pairs the idempotency ledger already had, in one
 * look-up. A replay of mail already sent is then read at the speed of reading: its records are skipped without a
 * query each, and their {@code SKIPPED_DUPLICATE} events are written together, before any record of the poll that
 * may send and at the poll's last record. A pair the ledger did not have at the poll is still claimed before it is
 * sent, so a send by another consumer since then is found there. Per consumer thread; a record that did not come
 * from this thread's last poll (no interceptor, a test calling the listener) is looked at alone, as before.
 */
@Component
class PollLookahead {

    private final AvroSerdes serdes;
    private final DeliveryLedger ledger;
    private final AuditPublisher audit;
    private final ThreadLocal<Poll> current = new ThreadLocal<>();

    PollLookahead(AvroSerdes serdes, DeliveryLedger ledger, AuditPublisher audit) {
        this.serdes = serdes;
        this.ledger = ledger;
        this.audit = audit;
    }

    /**
     * The record as its poll saw it. Writes the poll's deferred audit events first when this record was not
     * already sent to all its recipients, or when it belongs to a poll after the one that deferred them.
     *
     * @throws org.apache.kafka.common.errors.SerializationException when the record does not decode
     */
    Seen see(ConsumerRecord<String, byte[]> record) {
        Poll poll = current.get();
        ConsumerRecords<?, ?> polled = PolledRecords.last();
        if (poll == null || poll.polled != polled || !poll.decoded.containsKey(record)) {
            if (poll != null) {
                flush(poll);
            }
            poll = polled != null && contains(polled, record) ? read(polled) : null;
            current.set(poll);
        }
        if (poll == null) {
            return Seen.alone(serdes.deserialize(Topics.MAIL_OUTBOUND, record.value()));
        }
        OutboundEmail outbound = poll.decoded.get(record);
        if (outbound == null) {
            // Did not decode when the poll was read: decoded again here to throw the reason, the poll's skips written
            // first, as the error handler ends the poll.
            flush(poll);
            outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value());
        }
        poll.seen++;
        Seen seen = new Seen(outbound, poll);
        if (!seen.defers()) {
            flush(poll);
        }
        return seen;
    }

    /** After the record was handled: at the poll's last record, its deferred audit events are written. */
    void done(Seen seen) {
        if (seen.poll != null && seen.poll.seen >= seen.poll.decoded.size()) {
            flush(seen.poll);
        }
    }

    /** A record of this thread's poll failed: its deferred audit events are written now, a failure to write them added to it. */
    void flushAfter(RuntimeException failed) {
        Poll poll = current.get();
        if (poll != null) {
            try {
                flush(poll);
            } catch (RuntimeException notWritten) {
                // Kept: the next record of this thread writes them.
                failed.addSuppressed(notWritten);
            }
        }
    }

    private void flush(Poll poll) {
        if (!poll.deferred.isEmpty()) {
            audit.publishAll(poll.deferred);
            poll.deferred.clear();
        }
    }

    private static boolean contains(ConsumerRecords<?, ?> polled, ConsumerRecord<?, ?> record) {
        for (ConsumerRecord<?, ?> each : polled) {
            if (each == record) {
                return true;
            }
        }
        return false;
    }

    private Poll read(ConsumerRecords<?, ?> polled) {
        Map<ConsumerRecord<?, ?>, OutboundEmail> decoded = new IdentityHashMap<>();
        Set<String> draftIds = new HashSet<>();
        for (ConsumerRecord<?, ?> record : polled) {
            OutboundEmail outbound = null;
            if (record.value() instanceof byte[] bytes) {
                try {
                    outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, bytes);
                    draftIds.add(outbound.getDraft().getDraftId());
                } catch (RuntimeException undecodable) {
                    // Its own turn decodes it again and dead-letters it with the reason.
                }
            }
            decoded.put(record, outbound);
        }
        return new Poll(polled, decoded, ledger.sentAmong(draftIds));
    }

    private static final class Poll {
        private final ConsumerRecords<?, ?> polled;
        private final Map<ConsumerRecord<?, ?>, OutboundEmail> decoded;
        private final Set<DeliveryLedger.Pair> sent;
        private final List<AuditEvent> deferred = new ArrayList<>();
        private int seen;

        Poll(ConsumerRecords<?, ?> polled, Map<ConsumerRecord<?, ?>, OutboundEmail> decoded,
                Set<DeliveryLedger.Pair> sent) {
            this.polled = polled;
            this.decoded = decoded;
            this.sent = sent;
        }
    }

    /** One record, decoded, with what the ledger had for it when its poll was read (nothing known: {@code poll} null). */
    static final class Seen {
        private final OutboundEmail outbound;
        private final Poll poll;
        private final boolean sentToAll;

        private Seen(OutboundEmail outbound, Poll poll) {
            this.outbound = outbound;
            this.poll = poll;
            this.sentToAll = poll != null && sentToAll(outbound, poll.sent);
        }

        /** A record looked at alone: the ledger is asked per recipient and audit events are written at once. */
        static Seen alone(OutboundEmail outbound) {
            return new Seen(outbound, null);
        }

        OutboundEmail outbound() {
            return outbound;
        }

        /** @return true or false as the ledger had it at the poll; null when this record was looked at alone */
        Boolean sentAtPoll(String draftId, String recipient) {
            return poll == null ? null : poll.sent.contains(new DeliveryLedger.Pair(draftId, recipient));
        }

        /** True when the ledger had every recipient of the record at the poll: its audit events wait for the poll's. */
        boolean defers() {
            return sentToAll;
        }

        /** Writes the event with the poll's others (only when {@link #defers}). */
        void defer(AuditEvent event) {
            poll.deferred.add(event);
        }

        private static boolean sentToAll(OutboundEmail outbound, Set<DeliveryLedger.Pair> sent) {
            EmailDraft draft = outbound.getDraft();
            String copyTo = outbound.getRelease().getCopyTo();
            return sent.contains(new DeliveryLedger.Pair(draft.getDraftId(),
                    DraftIds.normaliseEmail(draft.getRecipient().getEmail())))
                    && (copyTo == null
                            || sent.contains(new DeliveryLedger.Pair(draft.getDraftId(), DraftIds.normaliseEmail(copyTo))));
        }
    }
}
