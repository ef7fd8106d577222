package com.deskpost.delivery.outbound;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.state.LiveState;
import com.deskpost.events.OversightMode;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.topic.Lane;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Delivers one released draft: to its recipient and, for monitored mail, a copy to the location's
 * staff. Each recipient is judged and sent on its own by {@link RecipientDelivery}. The member's mail, once the
 * relay accepted it, is timed from its facility event ({@link MailMetrics#EVENT_TO_SEND}); a release in a gated
 * mode waited for a person and is tagged held, so approvals never hide a slow automatic path.
 */
@Service
public class Deliverer {

    static final String ACTOR = "delivery-service";

    private final LiveState state;
    private final RecipientDelivery recipients;
    private final MailMetrics metrics;

    public Deliverer(LiveState state, RecipientDelivery recipients, MailMetrics metrics) {
        this.state = state;
        this.recipients = recipients;
        this.metrics = metrics;
    }

    /**
     * @param seen the record with what its poll learnt of the ledger ({@link PollLookahead})
     * @param cause the input coordinates (topic-partition@offset), distinguishing one redelivery's audit from another's
     */
    void deliver(PollLookahead.Seen seen, String cause) {
        OutboundEmail outbound = seen.outbound();
        EmailDraft draft = outbound.getDraft();
        Location location = state.location(draft.getLocationId());
        recipients.deliver(draft, location, Kind.PRIMARY, draft.getRecipient().getEmail(), cause, seen)
                .ifPresent(acceptedAt -> timeFromEvent(outbound, acceptedAt));
        String copyTo = outbound.getRelease().getCopyTo();
        if (copyTo != null) {
            recipients.deliver(draft, location, Kind.COPY, copyTo, cause, seen);
        }
    }

    /** The staff copy is not timed: it is a notice about the member's mail, whose own time is the one that counts. */
    private void timeFromEvent(OutboundEmail outbound, Instant acceptedAt) {
        EmailDraft draft = outbound.getDraft();
        boolean held = outbound.getRelease().getMode().compareTo(OversightMode.MONITORED) > 0;
        metrics.eventToSend(draft.getCategory().name(), Lane.of(draft).name(), held,
                Duration.between(draft.getHeader().getOccurredAt(), acceptedAt));
    }
}
