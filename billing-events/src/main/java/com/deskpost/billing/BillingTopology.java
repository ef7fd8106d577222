package com.deskpost.billing;

import com.deskpost.billing.composer.BillingComposer;
import com.deskpost.billing.composer.BillingEventHandler;
import com.deskpost.billing.composer.Subscriptions;
import com.deskpost.billing.subscription.SubscriptionStateSerde;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.TemplateOverrideTable;
import com.deskpost.platform.streams.DueIndex;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * facility.billing joined with the directories and each subscription's billing state (a local
 * store, partitioned like the topic by subscription id, backed by a changelog topic), composed
 * into drafts, entity versions and audit events. mail.entity-versions is read back as a global table: it keeps
 * the last version of a cancelled subscription whose state is forgotten.
 */
@Configuration
@EnableConfigurationProperties(BillingProperties.class)
class BillingTopology {

    static final String SUBSCRIPTIONS_STORE = "billing-subscriptions";

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates, BillingProperties properties) {
        BillingComposer composer = new BillingComposer(templates, Clock.systemUTC());
        DirectoryTables.register(builder, serdes);
        // Staff's active template overrides (mail.templates), read by the renderer before its built-in templates.
        TemplateOverrideTable.register(builder, serdes, templates);
        EntityVersionTable.register(builder, serdes);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUBSCRIPTIONS_STORE),
                Serdes.String(), new SubscriptionStateSerde()));
        builder.addStateStore(DueIndex.store(Subscriptions.DUE_STORE));
        EventRouting.route(builder, Topics.FACILITY_BILLING, serdes,
                stores -> new BillingEventHandler(composer, DirectoryTables.view(stores), new Subscriptions(
                        stores.store(SUBSCRIPTIONS_STORE), new DueIndex(stores.store(Subscriptions.DUE_STORE)),
                        stores.store(EntityVersionTable.STORE), properties.stateGrace(), stores::wallClockMillis)),
                SUBSCRIPTIONS_STORE, Subscriptions.DUE_STORE);
    }
}
