package com.deskpost.delivery.outbound;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.state.LiveState;
import org.springframework.stereotype.Service;

/**
 * Delivers one released draft: to its recipient and, for monitored mail, a copy to the location's
 * staff. Each recipient is judged and sent on its own by {@link RecipientDelivery}.
 */
@Service
public class Deliverer {

    static final String ACTOR = "delivery-service";

    private final LiveState state;
    private final RecipientDelivery recipients;

    public Deliverer(LiveState state, RecipientDelivery recipients) {
        this.state = state;
        this.recipients = recipients;
    }

    /** @param cause the input coordinates (topic-partition@offset), distinguishing one redelivery's audit from another's */
    public void deliver(OutboundEmail outbound, String cause) {
        EmailDraft draft = outbound.getDraft();
        Location location = state.location(draft.getLocationId());
        recipients.deliver(draft, location, Kind.PRIMARY, draft.getRecipient().getEmail(), cause);
        String copyTo = outbound.getRelease().getCopyTo();
        if (copyTo != null) {
            recipients.deliver(draft, location, Kind.COPY, copyTo, cause);
        }
    }
}
