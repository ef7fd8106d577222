package com.deskpost.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

class ConfluentAvroSerializerTest {

    private static final String TOPIC = "facility.bookings";

    private SchemaRegistryServer registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.start();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void writesNullAsNullSoTombstonesSurvive() {
        assertThat(new ConfluentAvroSerializer<BookingEvent>(client).serialize(TOPIC, null)).isNull();
    }

    @Test
    void registersValuesUnderTopicValueAndFramesTheirId() {
        byte[] frame = new ConfluentAvroSerializer<BookingEvent>(client).serialize(TOPIC,
                TestEvents.bookingCreated("B-1"));

        int id = client.lookUp("facility.bookings-value", BookingEvent.getClassSchema());
        assertThat(frame[0]).isZero();
        assertThat(ByteBuffer.wrap(frame, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void registersKeysUnderTopicKey() {
        ConfluentAvroSerializer<EntityVersion> keySerializer = new ConfluentAvroSerializer<>();
        keySerializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), true);

        keySerializer.serialize("mail.entity-versions", TestEvents.entityVersion(EntityStatus.ACTIVE));

        assertThat(client.lookUp("mail.entity-versions-key", EntityVersion.getClassSchema())).isPositive();
    }

    @Test
    void withoutAutoRegistrationUsesTheRegisteredSchema() {
        int id = client.register("facility.bookings-value", BookingEvent.getClassSchema());
        ConfluentAvroSerializer<BookingEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        byte[] frame = serializer.serialize(TOPIC, TestEvents.bookingCreated("B-1"));

        assertThat(ByteBuffer.wrap(frame, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void withoutAutoRegistrationRefusesAnUnregisteredSchema() {
        client.register("facility.bookings-value", EntityVersion.getClassSchema());
        ConfluentAvroSerializer<BookingEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, TestEvents.bookingCreated("B-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema com.deskpost.events.BookingEvent is not registered under subject"
                        + " facility.bookings-value at " + registry.url() + " and auto.register.schemas is false");
    }

    @Test
    void reportsTheRegistrysRefusalOfAnIncompatibleSchema() {
        Schema unrelated = EntityVersion.getClassSchema();
        client.register("facility.bookings-value", unrelated);

        assertThatThrownBy(() -> new ConfluentAvroSerializer<BookingEvent>(client).serialize(TOPIC,
                TestEvents.bookingCreated("B-1")))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot register schema com.deskpost.events.BookingEvent under subject"
                        + " facility.bookings-value")
                .hasMessageContaining("HTTP 409, error_code 409: Schema being registered is incompatible");
    }

    @Test
    void reportsAMissingRequiredFieldInsteadOfANullPointer() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<BookingEvent>(client).serialize(TOPIC, new BookingEvent()))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot encode com.deskpost.events.BookingEvent for topic facility.bookings")
                .hasMessageContaining("BookingEvent.header");
    }
}
