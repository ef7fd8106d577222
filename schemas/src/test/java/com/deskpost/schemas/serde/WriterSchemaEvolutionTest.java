package com.deskpost.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

/**
 * A consumer decodes records written with any schema registered under the subject: the
 * deserializer resolves the writer's schema against the generated class's.
 */
class WriterSchemaEvolutionTest {

    private static final String TOPIC = "mail.entity-versions";
    private static final String SUBJECT = TOPIC + "-value";

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
    void anOlderWriterWithoutAFieldDecodesWithTheFieldsDefault() {
        Schema older = withoutField(EntityVersion.getClassSchema(), "status");
        int olderId = client.register(SUBJECT, older);
        client.register(SUBJECT, EntityVersion.getClassSchema());
        GenericRecord written = new GenericData.Record(older);
        written.put("supersede_key", "booking:B-1042");
        written.put("version", 2L);
        written.put("source_event_id", "evt-2");
        written.put("occurred_at", TestEvents.NOON.toEpochMilli());

        EntityVersion read = new ConfluentAvroDeserializer<>(client, EntityVersion.class)
                .deserialize(TOPIC, Frames.frame(olderId, Frames.avro(older, written)));

        assertThat(read.getSupersedeKey()).isEqualTo("booking:B-1042");
        assertThat(read.getVersion()).isEqualTo(2L);
        assertThat(read.getStatus()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(read.getOccurredAt()).isEqualTo(TestEvents.NOON);
    }

    @Test
    void aNewerWriterWithAnUnknownEnumSymbolDecodesToTheEnumDefault() {
        Schema newer = withArchivedStatus(EntityVersion.getClassSchema());
        client.register(SUBJECT, EntityVersion.getClassSchema());
        int newerId = client.register(SUBJECT, newer);
        GenericRecord written = new GenericData.Record(newer);
        written.put("supersede_key", "booking:B-1042");
        written.put("version", 5L);
        written.put("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "ARCHIVED"));
        written.put("source_event_id", "evt-5");
        written.put("occurred_at", TestEvents.NOON.toEpochMilli());

        EntityVersion read = new ConfluentAvroDeserializer<>(client, EntityVersion.class)
                .deserialize(TOPIC, Frames.frame(newerId, Frames.avro(newer, written)));

        assertThat(read.getVersion()).isEqualTo(5L);
        assertThat(read.getStatus()).isEqualTo(EntityStatus.ACTIVE);
    }

    private static Schema withoutField(Schema record, String dropped) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            if (!field.name().equals(dropped)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema withArchivedStatus(Schema record) {
        Schema status = record.getField("status").schema();
        List<String> symbols = new ArrayList<>(status.getEnumSymbols());
        symbols.add("ARCHIVED");
        Schema wider = Schema.createEnum(status.getName(), status.getDoc(), status.getNamespace(), symbols,
                status.getEnumDefault());
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field, field.name().equals("status") ? wider : field.schema()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
