package com.deskpost.community.announcement;

import com.deskpost.community.consent.ConsentTable;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.DueIndex;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Wires the fan-out sub-topology: accepted announcements in, drafts (bulk lane) and audit events out. */
public final class FanOutTopology {

    private FanOutTopology() {
    }

    public static void register(StreamsBuilder builder, AvroSerdes serdes, FanOut fanOut, ConsentTable consent,
            int sliceSize, Duration sliceInterval, Duration finishedGrace) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FanOutScheduler.PLANS_STORE),
                Serdes.String(), FanOutPlan.serde(serdes)));
        builder.addStateStore(DueIndex.store(FinishedPlans.DUE_STORE));
        builder.stream(AnnouncementQueue.TOPIC.name(),
                        Consumed.with(Serdes.String(), serdes.serde(AnnouncementQueue.TOPIC))
                                .withName(AnnouncementQueue.TOPIC.name() + "-in"))
                .process(() -> new FanOutScheduler(fanOut, serdes, consent, sliceSize, sliceInterval, finishedGrace),
                        Named.as("community-fan-out"), FanOutScheduler.PLANS_STORE, FinishedPlans.DUE_STORE)
                .to((key, outgoing, context) -> outgoing.topic(), Produced.with(Serdes.String(), Outgoing.SERDE)
                        .withName("community-fan-out-out"));
    }
}
