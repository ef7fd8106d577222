package com.deskpost.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.EventHeader;

/** Topic schemas evolve FULL_TRANSITIVE (DESIGN section 2): proven against every release. */
class SchemaEvolutionTest {

    static Stream<Arguments> releasedSchemas() {
        return ReleasedSchemas.versions().stream().flatMap(version -> ReleasedSchemas.in(version).values().stream()
                .map(schema -> Arguments.of(version.getFileName() + "/" + schema.getName(), schema)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemas")
    void currentSchemaAndReleasedSchemaReadEachOthersData(String release, Schema released) {
        Schema current = currentSchemaOf(released.getFullName());

        assertThat(FullCompatibility.problems(current, released)).as(release).isEmpty();
    }

    @Test
    void everyTopicValueTypeHasBeenReleased() {
        List<String> released = new ArrayList<>();
        for (Path version : ReleasedSchemas.versions()) {
            released.addAll(ReleasedSchemas.in(version).keySet());
        }

        assertThat(released).as("released types (cut a release: schemas/released/README.md)")
                .containsAll(TopicValueTypes.CURRENT.stream().map(Schema::getFullName).toList());
    }

    @Test
    void everyRecordNoOtherRecordContainsIsAKnownTopicValueType() {
        Set<String> outermost = GeneratedRecords.outermost();
        assertThat(outermost).as("discovery of generated records").contains(BookingEvent.class.getName())
                .doesNotContain(EventHeader.class.getName());

        assertThat(TopicValueTypes.CURRENT.stream().map(Schema::getFullName).toList())
                .as("records nothing else contains look like new topic values: add them to TopicValueTypes"
                        + " (or run mvn clean if they are stale classes of renamed records)")
                .containsAll(outermost);
    }

    @Test
    void catchesANewRequiredFieldWithoutDefault() {
        Schema released = EntityVersion.getClassSchema();
        Schema current = withExtraField(released, new Schema.Field("region", Schema.create(Schema.Type.STRING),
                "A required field added without a default."));

        assertThat(FullCompatibility.problems(current, released))
                .singleElement().asString()
                .startsWith("the current schema cannot read data written with the released one")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "region");
    }

    @Test
    void catchesARemovedFieldWithoutDefault() {
        Schema released = EntityVersion.getClassSchema();
        Schema current = withoutField(released, "source_event_id");

        assertThat(FullCompatibility.problems(current, released))
                .singleElement().asString()
                .startsWith("the released schema cannot read data written with the current one")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "source_event_id");
    }

    @Test
    void acceptsANewOptionalFieldAndANewEnumSymbol() {
        Schema released = EntityVersion.getClassSchema();
        Schema status = released.getField("status").schema();
        List<String> symbols = new ArrayList<>(status.getEnumSymbols());
        symbols.add("ARCHIVED");
        Schema widerStatus = Schema.createEnum(status.getName(), status.getDoc(), status.getNamespace(), symbols,
                status.getEnumDefault());
        Schema current = withExtraField(withoutField(released, "status"),
                new Schema.Field("status", widerStatus, "Status with a new symbol.", "ACTIVE"));
        current = withExtraField(current, new Schema.Field("note",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "An optional field.", Schema.Field.NULL_DEFAULT_VALUE));

        assertThat(FullCompatibility.problems(current, released)).isEmpty();
    }

    private static Schema currentSchemaOf(String fullName) {
        Class<?> type;
        try {
            type = Class.forName(fullName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Released type " + fullName + " no longer exists: a topic value type may"
                    + " evolve but never disappear while a release still names it", e);
        }
        return SpecificData.get().getSchema(type);
    }

    private static Schema withExtraField(Schema record, Schema.Field extra) {
        List<Schema.Field> fields = copyFields(record, null);
        fields.add(extra);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema withoutField(Schema record, String dropped) {
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false,
                copyFields(record, dropped));
    }

    private static List<Schema.Field> copyFields(Schema record, String except) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            if (!field.name().equals(except)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return fields;
    }
}
