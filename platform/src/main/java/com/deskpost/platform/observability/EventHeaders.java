package com.deskpost.platform.observability;

import com.deskpost.events.EventHeader;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The {@code EventHeader} of any record that has one in a field named {@code header} (every facility event, every draft). */
public final class EventHeaders {

    private EventHeaders() {
    }

    /** @return the record's header, or null when it has none */
    public static EventHeader of(SpecificRecord record) {
        Schema.Field field = record == null ? null : record.getSchema().getField("header");
        return field != null && record.get(field.pos()) instanceof EventHeader header ? header : null;
    }
}
