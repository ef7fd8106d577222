package com.deskpost.billing;

import com.deskpost.billing.composer.BillingComposer;
import com.deskpost.billing.composer.BillingEventHandler;
import com.deskpost.billing.subscription.SubscriptionStateSerde;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * facility.billing joined with the directories and each subscription's billing state (a local
 * store, partitioned like the topic by subscription id, backed by a changelog topic), composed
 * into drafts, entity versions and audit events.
 */
@Configuration
class BillingTopology {

    static final String SUBSCRIPTIONS_STORE = "billing-subscriptions";

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates) {
        BillingComposer composer = new BillingComposer(templates, Clock.systemUTC());
        DirectoryTables.register(builder, serdes);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUBSCRIPTIONS_STORE),
                Serdes.String(), new SubscriptionStateSerde()));
        EventRouting.route(builder, Topics.FACILITY_BILLING, serdes,
                stores -> new BillingEventHandler(composer, DirectoryTables.view(stores), stores.store(SUBSCRIPTIONS_STORE)),
                SUBSCRIPTIONS_STORE);
    }
}
