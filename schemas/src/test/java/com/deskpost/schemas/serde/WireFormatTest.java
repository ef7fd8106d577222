package com.deskpost.schemas.serde;

import static com.deskpost.schemas.serde.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.EventHeader;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

/**
 * Golden bytes written by hand from the Confluent wire format and the Avro specification, so
 * the serde agrees with every other Confluent-compatible producer and consumer, not only with
 * itself.
 */
class WireFormatTest {

    /**
     * EventHeader{event_id "e-1", occurred_at 150 ms, source "s", entity_version 3,
     * location_id "L1", correlation_id "c", requested_mode null} under schema id 1.
     */
    private static final byte[] HEADER_FRAME = bytes(
            0x00,                       // magic byte
            0x00, 0x00, 0x00, 0x01,     // schema id 1, big-endian
            0x06, 'e', '-', '1',        // event_id: length 3 (zig-zag 6), UTF-8 bytes
            0xAC, 0x02,                 // occurred_at: long 150, zig-zag 300, varint 0xAC 0x02
            0x02, 's',                  // source: length 1
            0x06,                       // entity_version: long 3, zig-zag 6
            0x02, 0x04, 'L', '1',       // location_id: union branch 1 (string), length 2
            0x02, 'c',                  // correlation_id: length 1
            0x00);                      // requested_mode: union branch 0 (null), contract v7

    /**
     * EntityVersion{supersede_key "b:1", version -2, status CANCELLED, source_event_id "é",
     * occurred_at 0} under schema id 2.
     */
    private static final byte[] ENTITY_VERSION_FRAME = bytes(
            0x00,
            0x00, 0x00, 0x00, 0x02,
            0x06, 'b', ':', '1',        // supersede_key
            0x03,                       // version: long -2, zig-zag 3
            0x04,                       // status: enum index 2 (CANCELLED), zig-zag 4
            0x04, 0xC3, 0xA9,           // source_event_id: "é" is 2 UTF-8 bytes
            0x00);                      // occurred_at: 0

    private SchemaRegistryServer registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void givenAFreshRegistryThatAssignsIdsFromOne() {
        registry = SchemaRegistryServer.start();
        client = new SchemaRegistryClient(registry.url());
        assertThat(client.register("golden-value", EventHeader.getClassSchema())).isEqualTo(1);
        assertThat(client.register("entity-versions-value", EntityVersion.getClassSchema())).isEqualTo(2);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void decodesHandBuiltBytes() {
        assertThat(new ConfluentAvroDeserializer<>(client, EventHeader.class).deserialize("golden", HEADER_FRAME))
                .isEqualTo(header());
        assertThat(new ConfluentAvroDeserializer<>(client, EntityVersion.class)
                .deserialize("entity-versions", ENTITY_VERSION_FRAME))
                .isEqualTo(entityVersion());
    }

    @Test
    void writesExactlyTheHandBuiltBytes() {
        assertThat(new ConfluentAvroSerializer<EventHeader>(client).serialize("golden", header()))
                .containsExactly(HEADER_FRAME);
        assertThat(new ConfluentAvroSerializer<EntityVersion>(client).serialize("entity-versions", entityVersion()))
                .containsExactly(ENTITY_VERSION_FRAME);
    }

    @Test
    void writesANullUnionBranchAsIndexZeroAlone() {
        EventHeader withoutLocation = EventHeader.newBuilder(header()).setLocationId(null).build();

        byte[] frame = new ConfluentAvroSerializer<EventHeader>(client).serialize("golden", withoutLocation);

        assertThat(frame).containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x06, 'e', '-', '1', 0xAC, 0x02,
                0x02, 's', 0x06, 0x00, 0x02, 'c', 0x00));
    }

    private static EventHeader header() {
        return EventHeader.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(Instant.ofEpochMilli(150))
                .setSource("s")
                .setEntityVersion(3)
                .setLocationId("L1")
                .setCorrelationId("c")
                .build();
    }

    private static EntityVersion entityVersion() {
        return EntityVersion.newBuilder()
                .setSupersedeKey("b:1")
                .setVersion(-2)
                .setStatus(EntityStatus.CANCELLED)
                .setSourceEventId("é")
                .setOccurredAt(Instant.EPOCH)
                .build();
    }
}
