package com.deskpost.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A facility event's payload names its own type (contract v4): each payload record has
 * {@code union { null, <Record>Type } event_type = null}, an enum of one symbol. A producer in a dynamic
 * language hands its Avro library a map, and the library picks the union branch by shape (Debian's Python avro
 * keeps the last branch that validates, so BookingCreated's fields were written as BookingModified); once the
 * map names its type, only that branch validates. Java producers choose the branch by class, so the serializer
 * fills the field in for them; a consumer refuses a record whose writer knew the field and left it null, since
 * nothing then says which type the producer meant. Records written with schemas released before v4 (without
 * the field) read as before. Hand-written: this rule is Deskpost's contract, no library has it.
 */
final class EventTypes {

    static final String FIELD = "event_type";
    private static final String PAYLOAD = "payload";

    private EventTypes() {
    }

    /** Sets the payload's event type from its class when the producer left it null (the class already says it). */
    static void fill(SpecificRecord record, SpecificData data) {
        if (payload(record) instanceof SpecificRecord payload) {
            Schema.Field field = payload.getSchema().getField(FIELD);
            if (field != null && payload.get(field.pos()) == null) {
                Schema type = symbolType(field.schema());
                payload.put(field.pos(), data.createEnum(type.getEnumSymbols().get(0), type));
            }
        }
    }

    /**
     * Refuses a decoded record whose writer's payload branch has {@code event_type} but left it null.
     *
     * @throws SerializationException naming the field and the value to set, so the record is dead-lettered
     */
    static void requireNamed(SpecificRecord record, Schema writer, String topic, int schemaId) {
        if (!(payload(record) instanceof SpecificRecord payload)) {
            return;
        }
        Schema.Field field = payload.getSchema().getField(FIELD);
        if (field == null || payload.get(field.pos()) != null || !writerHasField(writer, payload.getSchema())) {
            return;
        }
        String name = payload.getSchema().getName();
        throw new SerializationException(topic + " record written with schema id " + schemaId + " is a " + name
                + " whose payload.event_type is null. Its writer's schema (contract v4 or later) has the field, so the"
                + " producer must name the event type: if it meant a " + name + ", set payload.event_type = \""
                + symbolType(field.schema()).getEnumSymbols().get(0) + "\". Without it, an Avro library that picks"
                + " union branches by shape may have written another type's fields as this one (README, 'Event"
                + " types').");
    }

    private static Object payload(SpecificRecord record) {
        Schema.Field payload = record.getSchema().getField(PAYLOAD);
        return payload == null ? null : record.get(payload.pos());
    }

    private static boolean writerHasField(Schema writer, Schema branch) {
        Schema.Field payload = writer.getType() == Schema.Type.RECORD ? writer.getField(PAYLOAD) : null;
        if (payload == null || payload.schema().getType() != Schema.Type.UNION) {
            return false;
        }
        return payload.schema().getTypes().stream()
                .filter(candidate -> candidate.getType() == Schema.Type.RECORD
                        && (candidate.getFullName().equals(branch.getFullName())
                                || candidate.getAliases().contains(branch.getFullName())))
                .anyMatch(candidate -> candidate.getField(FIELD) != null);
    }

    private static Schema symbolType(Schema nullable) {
        return nullable.getTypes().stream().filter(type -> type.getType() == Schema.Type.ENUM).findFirst()
                .orElseThrow(() -> new IllegalStateException(FIELD + " must be a union of null and an enum: " + nullable));
    }
}
