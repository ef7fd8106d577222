package com.deskpost.community;

import com.deskpost.events.EventHeader;
import com.deskpost.events.InboundEmail;
import com.deskpost.platform.id.DraftIds;

/**
 * The event header of what an inbound mail causes. Its event id is derived from the Message-ID, so
 * the same mail received twice (the webhook and the SMTP listener, or a provider's retry) yields
 * the same draft ids, which delivery's ledger sends once.
 */
public final class InboundHeaders {

    public static final String SOURCE = "deskpost-community-inbound";

    private InboundHeaders() {
    }

    public static EventHeader of(InboundEmail mail, String locationId) {
        String eventId = DraftIds.nameBased("inbound", mail.getMessageId());
        return EventHeader.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(mail.getReceivedAt())
                .setSource(SOURCE)
                .setEntityVersion(1)
                .setLocationId(locationId)
                .setCorrelationId(eventId)
                .build();
    }
}
