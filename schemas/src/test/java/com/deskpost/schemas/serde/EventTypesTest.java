package com.deskpost.schemas.serde;

import static com.deskpost.schemas.serde.Frames.avro;
import static com.deskpost.schemas.serde.Frames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingCreatedType;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.BookingModifiedType;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

/**
 * A facility event means one thing to every producer: the payload names its type (contract v4), Java producers
 * get it named by the serializer, and a record whose writer could name it and did not is refused with the fix.
 */
class EventTypesTest {

    private static final String TOPIC = "facility.bookings";
    private static final String SUBJECT = TOPIC + "-value";

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
    void aJavaProducerNeverNamesTheTypeAndItIsNamedFromTheClass() {
        // Given a booking built in Java without event_type
        BookingEvent created = TestEvents.bookingCreated("B-1");
        assertThat(((BookingCreated) created.getPayload()).getEventType()).isNull();

        // When our serializer writes it and it is read back
        byte[] bytes = new ConfluentAvroSerializer<BookingEvent>(client).serialize(TOPIC, created);
        BookingEvent read = deserializer.deserialize(TOPIC, bytes);

        // Then it went out named, as the type its class says
        assertThat(read.getPayload()).isInstanceOf(BookingCreated.class);
        assertThat(((BookingCreated) read.getPayload()).getEventType()).isEqualTo(BookingCreatedType.BOOKING_CREATED);
    }

    @Test
    void aProducerThatFillsInFieldsWithoutNamingTheTypeIsRefusedWithTheFix() {
        // Given what Python's avro writes for a map of a new booking's fields without event_type: of the two
        // branches of the same shape it keeps the last one that validates, BookingModified
        Schema current = BookingEvent.getClassSchema();
        GenericRecord guessed = envelope(current, "BookingModified", null);
        int id = client.register(SUBJECT, current);

        // When a consumer reads it
        // Then it is refused (so dead-lettered), saying which field to set and to what
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, frame(id, avro(current, guessed))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is a BookingModified whose payload.event_type is null")
                .hasMessageContaining("set payload.event_type = \"BOOKING_MODIFIED\"");
    }

    @Test
    void aProducerThatNamesTheTypeIsReadAsThatType() {
        // Given a map-built record that names its type
        Schema current = BookingEvent.getClassSchema();
        GenericRecord named = envelope(current, "BookingModified", "BOOKING_MODIFIED");
        int id = client.register(SUBJECT, current);

        // When a consumer reads it
        BookingEvent read = deserializer.deserialize(TOPIC, frame(id, avro(current, named)));

        // Then it is the type it named
        assertThat(read.getPayload()).isInstanceOf(BookingModified.class);
        assertThat(((BookingModified) read.getPayload()).getEventType()).isEqualTo(BookingModifiedType.BOOKING_MODIFIED);
    }

    @Test
    void aRecordWrittenWithASchemaReleasedBeforeTheFieldReadsAsBefore() throws Exception {
        // Given a producer still on the v3 schema, which has no event_type
        Schema v3 = new Schema.Parser().parse(Path.of("released", "v3", "BookingEvent.avsc").toFile());
        assertThat(v3.getField("payload").schema().getTypes().get(0).getField(EventTypes.FIELD)).isNull();
        GenericRecord old = envelope(v3, "BookingCreated", null);
        int id = client.register(SUBJECT, v3);

        // When a consumer with the current schema reads it
        BookingEvent read = deserializer.deserialize(TOPIC, frame(id, avro(v3, old)));

        // Then it reads as the branch it was written with
        assertThat(read.getPayload()).isInstanceOf(BookingCreated.class);
        assertThat(read.getBookingId()).isEqualTo("B-9");
    }

    /** A booking envelope built as a map-based client would, with the given branch and event_type. */
    private static GenericRecord envelope(Schema envelopeSchema, String branchName, String eventType) {
        // the Java-built booking as plain generic data (no logical-type conversions), as a map-based client holds it
        GenericRecord generic;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<BookingEvent>(BookingEvent.class).write(TestEvents.bookingCreated("B-9"), encoder);
            encoder.flush();
            generic = new GenericDatumReader<GenericRecord>(BookingEvent.getClassSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Schema branch = envelopeSchema.getField("payload").schema().getTypes().stream()
                .filter(type -> type.getName().equals(branchName)).findFirst().orElseThrow();
        GenericRecord payload = new GenericData.Record(branch);
        GenericRecord filled = (GenericRecord) generic.get("payload");
        for (Schema.Field field : branch.getFields()) {
            payload.put(field.name(), field.name().equals(EventTypes.FIELD)
                    ? (eventType == null ? null : new GenericData.EnumSymbol(
                            field.schema().getTypes().get(1), eventType))
                    : filled.get(field.name()));
        }
        GenericRecord record = new GenericData.Record(envelopeSchema);
        for (Schema.Field field : envelopeSchema.getFields()) {
            record.put(field.name(), field.name().equals("payload") ? payload : generic.get(field.name()));
        }
        return record;
    }
}
