package com.deskpost.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

/** Records survive serializer and deserializer unchanged, against the in-JVM registry over HTTP. */
class ConfluentAvroRoundTripTest {

    private SchemaRegistryServer registry;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void aBookingEventConfiguredFromKafkaProperties() {
        BookingEvent booking = TestEvents.bookingCreated("B-1042");
        ConfluentAvroSerializer<BookingEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        ConfluentAvroDeserializer<BookingEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.VALUE_TYPE, BookingEvent.class.getName()), false);

        BookingEvent read = deserializer.deserialize("facility.bookings",
                serializer.serialize("facility.bookings", booking));

        assertThat(read).isEqualTo(booking);
    }

    @Test
    void needsNoJvmWideTrustInTheGeneratedClasses() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        ConfluentAvroSerde<BookingEvent> serde = new ConfluentAvroSerde<>(client, BookingEvent.class);
        BookingEvent booking = TestEvents.bookingCreated("B-7");

        BookingEvent read = serde.deserializer().deserialize("facility.bookings",
                serde.serializer().serialize("facility.bookings", booking));

        assertThat(read).isEqualTo(booking);
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(ProcessBuilder.class))
                .as("trusting the contract package must not widen Avro's trust to other classes")
                .isFalse();
    }

    @Test
    void logicalTypesInsideUnionsAndNestedRecords() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        ConfluentAvroSerde<AccessEvent> access = new ConfluentAvroSerde<>(client, AccessEvent.class);
        ConfluentAvroSerde<BillingEvent> billing = new ConfluentAvroSerde<>(client, BillingEvent.class);

        AccessEvent card = TestEvents.keycardProvisioned();
        BillingEvent payment = TestEvents.paymentFailed();

        assertThat(access.deserializer().deserialize("facility.access",
                access.serializer().serialize("facility.access", card))).isEqualTo(card);
        assertThat(billing.deserializer().deserialize("facility.billing",
                billing.serializer().serialize("facility.billing", payment))).isEqualTo(payment);
    }

    @Test
    void aSerdeConfiguredForKeysUsesTheKeySubject() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        ConfluentAvroSerde<EntityVersion> serde = new ConfluentAvroSerde<>(client, EntityVersion.class);
        serde.configure(Map.of(), true);
        EntityVersion version = TestEvents.entityVersion(EntityStatus.MODIFIED);

        byte[] frame = serde.serializer().serialize("mail.entity-versions", version);

        assertThat(serde.deserializer().deserialize("mail.entity-versions", frame)).isEqualTo(version);
        assertThat(client.lookUp("mail.entity-versions-key", EntityVersion.getClassSchema())).isPositive();
    }
}
