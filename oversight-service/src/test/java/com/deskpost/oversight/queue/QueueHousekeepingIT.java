package com.deskpost.oversight.queue;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueHousekeepingIT {

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private OversightDatabase db;
    private QueueHousekeeping housekeeping;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = new OversightDatabase(serdes);
        housekeeping = new QueueHousekeeping(db.queue, db.resolutions, db.tx, serdes);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aNewerVersionOfTheEntitySupersedesTheHeldDraft() {
        // Given a held draft of booking:B-1042 at version 3 (the builder's), and another booking's draft
        db.hold(aDraft().id("old").build(), OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        // When version 4 of the booking arrives, then the same version again (a replay)
        EntityVersion v4 = EntityVersion.newBuilder().setSupersedeKey("booking:B-1042").setVersion(4)
                .setStatus(EntityStatus.CANCELLED).setSourceEventId("e").setOccurredAt(Instant.now()).build();
        housekeeping.on(record(Topics.MAIL_ENTITY_VERSIONS, "booking:B-1042", v4));
        housekeeping.on(record(Topics.MAIL_ENTITY_VERSIONS, "booking:B-1042", v4));

        // Then it left the queue once, as SUPERSEDED
        assertThat(db.queue.find("old").orElseThrow().status()).isEqualTo(Status.SUPERSEDED);
        assertThat(db.auditTypes()).containsExactly("SUPERSEDED");
        assertThat(db.outbox(Topics.MAIL_APPROVALS)).singleElement()
                .satisfies(event -> assertThat(event.getOutcome()).isEqualTo(ApprovalOutcome.SUPERSEDED));
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).isEmpty();
    }

    @Test
    void theSameOrAnOlderVersionSupersedesNothing() {
        db.hold(aDraft().id("current").build(), OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        housekeeping.on(record(Topics.MAIL_ENTITY_VERSIONS, "booking:B-1042", EntityVersion.newBuilder()
                .setSupersedeKey("booking:B-1042").setVersion(3).setSourceEventId("e").setOccurredAt(Instant.now())
                .build()));

        assertThat(db.queue.find("current").orElseThrow().status()).isEqualTo(Status.PENDING);
    }

    private <V extends SpecificRecord> ConsumerRecord<String, byte[]> record(Topic<V> topic, String key, V value) {
        return new ConsumerRecord<>(topic.name(), 0, 0, key, serdes.serialize(topic, value));
    }
}
