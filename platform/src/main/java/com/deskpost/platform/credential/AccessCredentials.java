package com.deskpost.platform.credential;

import com.deskpost.events.AccessEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The credential fields of an access event: those the contract documents as "Credential" (a door code,
 * a master keycode, a visitor's or contractor's entry code). A facility system may send them sealed or
 * in clear; Deskpost seals a clear one the moment it first sees it (ingest, the access composer, a dead
 * letter), for the event's location and member, so from then on only delivery can open it.
 */
public final class AccessCredentials {

    private static final String CREDENTIAL_DOC = "Credential";

    private AccessCredentials() {
    }

    /** The event with every clear credential sealed; sealed ones are kept as they are. */
    public static AccessEvent sealed(AccessEvent event, CredentialSealer sealer) {
        if (values(event).stream().allMatch(SealedCredential::isSealed)) {
            return event;
        }
        AccessEvent copy = SpecificData.get().deepCopy(AccessEvent.getClassSchema(), event);
        String location = copy.getHeader().getLocationId();
        String member = copy.getMemberId();
        forEachCredential((SpecificRecord) copy.getPayload(), (record, field) -> {
            Object value = record.get(field.pos());
            if (value != null) {
                record.put(field.pos(), sealer.seal(value.toString(), location, member));
            }
        });
        return copy;
    }

    /** What is wrong with the event's sealed credentials, if anything (clear ones are not checked here). */
    public static Optional<String> problem(AccessEvent event, CredentialSealer sealer) {
        for (String value : values(event)) {
            if (SealedCredential.isSealed(value)) {
                Optional<String> problem = sealer.problem(value);
                if (problem.isPresent()) {
                    return Optional.of("A sealed credential in access event " + event.getHeader().getEventId()
                            + " is refused: " + problem.get());
                }
            }
        }
        return Optional.empty();
    }

    /** The credential values the event carries, sealed or clear. */
    public static List<String> values(AccessEvent event) {
        List<String> values = new ArrayList<>();
        if (event.getPayload() instanceof SpecificRecord payload) {
            forEachCredential(payload, (record, field) -> {
                Object value = record.get(field.pos());
                if (value != null) {
                    values.add(value.toString());
                }
            });
        }
        return values;
    }

    private interface FieldVisitor {
        void visit(SpecificRecord record, Schema.Field field);
    }

    private static void forEachCredential(SpecificRecord record, FieldVisitor visitor) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (field.doc() != null && field.doc().startsWith(CREDENTIAL_DOC) && !(value instanceof SpecificRecord)) {
                visitor.visit(record, field);
            } else if (value instanceof SpecificRecord nested) {
                forEachCredential(nested, visitor);
            }
        }
    }
}
