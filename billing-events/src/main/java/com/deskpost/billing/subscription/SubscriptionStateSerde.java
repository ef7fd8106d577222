package com.deskpost.billing.subscription;

import com.deskpost.billing.subscription.SubscriptionState.PaymentOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The state store's value format. The state is private to this service (its store and changelog
 * topic), so it is not an Avro contract type: a small versioned binary layout is enough, and the
 * leading format byte lets a later release read what an earlier one wrote.
 */
public final class SubscriptionStateSerde implements Serde<SubscriptionState> {

    private static final byte FORMAT = 1;

    @Override
    public Serializer<SubscriptionState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<SubscriptionState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SubscriptionState state) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            out.writeUTF(state.subscriptionId());
            out.writeUTF(state.memberId());
            writeString(out, state.locationId());
            out.writeLong(state.lastVersion());
            writeDate(out, state.periodStart());
            writeDate(out, state.periodEnd());
            out.writeUTF(state.lastOutcome().name());
            writeDate(out, state.cancelledOn());
            out.writeInt(state.cycles().size());
            for (Cycle cycle : state.cycles().values()) {
                writeDate(out, cycle.periodStart());
                writeLong(out, cycle.reminderVersion());
                writeLong(out, cycle.paidVersion());
                writeLong(out, cycle.closedVersion());
            }
            out.writeInt(state.drafted().size());
            for (String key : state.drafted()) {
                out.writeUTF(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    static SubscriptionState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new SerializationException("Unknown subscription state format " + format);
            }
            String subscriptionId = in.readUTF();
            String memberId = in.readUTF();
            String locationId = readString(in);
            long lastVersion = in.readLong();
            LocalDate periodStart = readDate(in);
            LocalDate periodEnd = readDate(in);
            PaymentOutcome outcome = PaymentOutcome.valueOf(in.readUTF());
            LocalDate cancelledOn = readDate(in);
            TreeMap<LocalDate, Cycle> cycles = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                Cycle cycle = new Cycle(readDate(in), readLong(in), readLong(in), readLong(in));
                cycles.put(cycle.periodStart(), cycle);
            }
            Set<String> drafted = new LinkedHashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                drafted.add(in.readUTF());
            }
            return new SubscriptionState(subscriptionId, memberId, locationId, lastVersion, periodStart, periodEnd,
                    outcome, cancelledOn, cycles, drafted);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("Corrupt subscription state", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeDate(DataOutputStream out, LocalDate value) throws IOException {
        writeLong(out, value == null ? null : value.toEpochDay());
    }

    private static LocalDate readDate(DataInputStream in) throws IOException {
        Long day = readLong(in);
        return day == null ? null : LocalDate.ofEpochDay(day);
    }

    private static void writeLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
