package com.deskpost.community.announcement;

import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.platform.serde.AvroSerdes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * How far one announcement's fan-out has got: the members are walked in member-id order and
 * {@code after} is the last one examined, so a slice (and a restart, the plan being in a changelogged
 * store) resumes exactly where the previous one stopped.
 *
 * @param event the accepted announcement
 * @param after the last member id examined; null before the first slice
 * @param examined members examined so far
 * @param drafted drafts written so far
 * @param withheld members of the audience the consent rule stopped
 * @param failed members whose mail could not be rendered (logged with the reason)
 * @param done whether every member has been examined
 * @param startedAtMillis when the fan-out was accepted, wall clock
 */
record FanOutPlan(CommunityEvent event, String after, int examined, int drafted, int withheld, int failed,
        boolean done, long startedAtMillis) {

    static FanOutPlan start(CommunityEvent event, long nowMillis) {
        return new FanOutPlan(event, null, 0, 0, 0, 0, false, nowMillis);
    }

    AnnouncementRequested announcement() {
        return (AnnouncementRequested) event.getPayload();
    }

    long version() {
        return event.getHeader().getEntityVersion();
    }

    FanOutPlan advanced(String lastExamined, int examinedNow, int draftedNow, int withheldNow, int failedNow,
            boolean finished) {
        return new FanOutPlan(event, lastExamined == null ? after : lastExamined, examined + examinedNow,
                drafted + draftedNow, withheld + withheldNow, failed + failedNow, finished, startedAtMillis);
    }

    static Serde<FanOutPlan> serde(AvroSerdes serdes) {
        Serde<CommunityEvent> events = serdes.serde(AnnouncementQueue.TOPIC);
        String topic = AnnouncementQueue.TOPIC.name();
        return Serdes.serdeFrom((ignored, plan) -> {
            if (plan == null) {
                return null;
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeBoolean(plan.after() != null);
                if (plan.after() != null) {
                    out.writeUTF(plan.after());
                }
                out.writeInt(plan.examined());
                out.writeInt(plan.drafted());
                out.writeInt(plan.withheld());
                out.writeInt(plan.failed());
                out.writeBoolean(plan.done());
                out.writeLong(plan.startedAtMillis());
                out.write(events.serializer().serialize(topic, plan.event()));
            } catch (IOException e) {
                throw new UncheckedIOException("Writing to memory cannot fail", e);
            }
            return buffer.toByteArray();
        }, (ignored, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                String after = in.readBoolean() ? in.readUTF() : null;
                int examined = in.readInt();
                int drafted = in.readInt();
                int withheld = in.readInt();
                int failed = in.readInt();
                boolean done = in.readBoolean();
                long started = in.readLong();
                CommunityEvent event = events.deserializer().deserialize(topic, in.readAllBytes());
                return new FanOutPlan(event, after, examined, drafted, withheld, failed, done, started);
            } catch (IOException e) {
                throw new UncheckedIOException("Corrupt fan-out plan in the community-fanouts store", e);
            }
        });
    }
}
