package com.deskpost.community.consent;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The consent tags of one address, each with when it last changed. A change applies only if it is
 * at least as new as what is known for that tag, the same rule as delivery's consent store, so
 * both settle on the same answer whatever order the changes arrive in.
 */
record ConsentState(Map<String, Mark> marks) {

    static final ConsentState NONE = new ConsentState(Map.of());

    /** One tag: present or not, as of when. */
    record Mark(boolean present, long changedAtMillis) {
    }

    static final Serde<ConsentState> SERDE = Serdes.serdeFrom(
            (topic, state) -> state == null ? null : state.bytes(),
            (topic, bytes) -> bytes == null ? null : parse(bytes));

    ConsentState apply(ConsentChange change) {
        long at = change.getChangedAt().toEpochMilli();
        Mark known = marks.get(change.getTag());
        if (known != null && known.changedAtMillis() > at) {
            return this;
        }
        Map<String, Mark> next = new TreeMap<>(marks);
        next.put(change.getTag(), new Mark(change.getAction() == ConsentAction.ADDED, at));
        return new ConsentState(Map.copyOf(next));
    }

    Set<String> tags() {
        return marks.entrySet().stream().filter(e -> e.getValue().present()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    private byte[] bytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(marks.size());
            for (Map.Entry<String, Mark> mark : new TreeMap<>(marks).entrySet()) {
                out.writeUTF(mark.getKey());
                out.writeBoolean(mark.getValue().present());
                out.writeLong(mark.getValue().changedAtMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    private static ConsentState parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            Map<String, Mark> marks = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                marks.put(in.readUTF(), new Mark(in.readBoolean(), in.readLong()));
            }
            return new ConsentState(Map.copyOf(marks));
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt consent state in the community-consent store", e);
        }
    }
}
