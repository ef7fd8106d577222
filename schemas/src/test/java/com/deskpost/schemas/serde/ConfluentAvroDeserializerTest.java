package com.deskpost.schemas.serde;

import static com.deskpost.schemas.serde.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.BookingEvent;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

/** Every malformed record ends in a SerializationException that says what is wrong with it. */
class ConfluentAvroDeserializerTest {

    private static final String TOPIC = "facility.bookings";

    private SchemaRegistryServer registry;
    private SchemaRegistryClient client;
    private ConfluentAvroDeserializer<BookingEvent> deserializer;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.start();
        client = new SchemaRegistryClient(registry.url());
        deserializer = new ConfluentAvroDeserializer<>(client, BookingEvent.class);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void readsNullAndEmptyBytesAsNull() {
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, new byte[0])).isNull();
    }

    @Test
    void namesTheMagicByteAndSuspectsJson() {
        byte[] json = "{\"booking_id\":\"B-1\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Unknown magic byte 0x7b in record from topic facility.bookings: expected 0x00"
                        + " (Confluent wire format). The producer did not use a Confluent-compatible Avro"
                        + " serializer (JSON?)");
    }

    @Test
    void recognisesAvroSingleObjectEncoding() throws Exception {
        byte[] singleObject = TestEvents.bookingCreated("B-1").toByteBuffer().array();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, singleObject))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0xc3")
                .hasMessageContaining("Avro single-object encoding");
    }

    @Test
    void rejectsARecordTooShortForTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(0x00, 0x00, 0x01)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Record too short: 3 bytes, a Confluent-framed record needs at least 5");
    }

    @Test
    void namesAnUnknownSchemaIdAndTheRegistry() {
        byte[] unknownId = bytes(0x00, 0x00, 0x00, 0x01, 0x2C, 0x02, 'x');

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema id 300 (topic facility.bookings) is not registered at "
                        + registry.url() + ": Schema not found (error_code 40403)");
    }

    @Test
    void namesTheTypeAndIdWhenTheBodyIsTruncated() {
        byte[] whole = new ConfluentAvroSerializer<BookingEvent>(client).serialize(TOPIC,
                TestEvents.bookingCreated("B-1"));
        int id = client.register(TOPIC + "-value", BookingEvent.getClassSchema());

        byte[] truncated = Arrays.copyOf(whole, whole.length - 10);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot decode Avro body of facility.bookings record with schema id " + id
                        + " as com.deskpost.events.BookingEvent: the body ends before the record does");
    }

    @Test
    void reportsACorruptBodyAsADecodingFailure() {
        int id = client.register(TOPIC + "-value", BookingEvent.getClassSchema());
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0x7F);
        byte[] frame = Frames.frame(id, garbage);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, frame))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot decode Avro body of facility.bookings record with schema id " + id);
    }

    @Test
    void saysTheRegistryIsUnreachable() {
        String goneUrl;
        try (SchemaRegistryServer gone = SchemaRegistryServer.start()) {
            goneUrl = gone.url();
        }
        ConfluentAvroDeserializer<BookingEvent> cutOff =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(goneUrl), BookingEvent.class);

        assertThatThrownBy(() -> cutOff.deserialize(TOPIC, bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x02)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot fetch schema id 1 for a record from topic facility.bookings")
                .hasMessageContaining("The schema registry at " + goneUrl + " is unreachable");
    }

    @Test
    void refusesConfigurationWithoutATargetType() {
        ConfluentAvroDeserializer<BookingEvent> unconfigured = new ConfluentAvroDeserializer<>();
        Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());

        assertThatThrownBy(() -> unconfigured.configure(configs, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.VALUE_TYPE);
        assertThatThrownBy(() -> unconfigured.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.VALUE_TYPE, "java.lang.String"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an Avro SpecificRecord");
    }
}
