package com.deskpost.community.announcement;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A record already serialised for its destination topic, so one sink writes drafts and audit events alike. */
record Outgoing(String topic, byte[] bytes) {

    static final Serde<Outgoing> SERDE = Serdes.serdeFrom(
            (topic, outgoing) -> outgoing.bytes(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("Outgoing records are only ever written");
            });
}
