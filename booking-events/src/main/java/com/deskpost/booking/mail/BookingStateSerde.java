package com.deskpost.booking.mail;

import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EntityStatus;
import com.deskpost.platform.serde.AvroSerdes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link BookingState} in the state store and its changelog. The booking details are kept as a
 * Confluent-framed {@code BookingEvent} (schema id included), so the store reads back across
 * schema evolution; the rest is a versioned fixed layout. The schema goes under this service's own
 * subject, never under facility.bookings', which belongs to the facility systems.
 */
public final class BookingStateSerde {

    private static final byte FORMAT = 1;

    private BookingStateSerde() {
    }

    public static Serde<BookingState> of(AvroSerdes serdes) {
        Serde<BookingEvent> events = serdes.serde(UpcomingBookings.TOPIC);
        Serializer<BookingState> serializer = (topic, state) -> state == null ? null : write(state, events);
        Deserializer<BookingState> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes, events);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(BookingState state, Serde<BookingEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(state.version());
            out.writeUTF(state.eventId());
            out.writeUTF(state.status().name());
            byte[] details = state.details() == null ? new byte[0]
                    : events.serializer().serialize(UpcomingBookings.TOPIC.name(), state.details());
            out.writeInt(details.length);
            out.write(details);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write booking state", e);
        }
        return bytes.toByteArray();
    }

    private static BookingState read(byte[] bytes, Serde<BookingEvent> events) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("Unknown booking state format " + format);
            }
            long version = in.readLong();
            String eventId = in.readUTF();
            EntityStatus status = EntityStatus.valueOf(in.readUTF());
            byte[] details = in.readNBytes(in.readInt());
            return new BookingState(version, eventId, status, details.length == 0 ? null
                    : events.deserializer().deserialize(UpcomingBookings.TOPIC.name(), details));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read booking state", e);
        }
    }
}
