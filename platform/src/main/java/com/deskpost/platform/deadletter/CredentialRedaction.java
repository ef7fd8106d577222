package com.deskpost.platform.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.credential.SealedCredential;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter keeps of a record that may carry credentials (facility.access events, and the
 * drafts and releases of every lane). A credential rests only sealed (DESIGN §5), and a dead letter
 * is browsed, copied and kept longer than mail, so:
 * <ul>
 * <li>a sealed credential is kept as it is: nobody but delivery can open it, and a redriven record
 *     still delivers its code (header {@value #SEALED});</li>
 * <li>a clear credential field of an access event (documented "Credential" in the contract) is sealed
 *     for the event's location and member when this service holds Deskpost's public keys, else masked;</li>
 * <li>a draft (or release) with a clear secret, composed before sealing, is masked wherever the value
 *     appears (header {@value #MASKED}): it can no longer deliver its code, the facility issues it again;</li>
 * <li>an undecodable record is withheld, its bytes left in the source topic where the headers point.</li>
 * </ul>
 * A value that claims to be sealed but is malformed may be a clear code with a prefix: it is masked.
 */
public final class CredentialRedaction {

    /** Header on a dead letter of a credential topic saying what was done to its value. */
    public static final String HEADER = "deskpost_redacted";
    /** Every credential it carries is sealed: redriving it delivers the code. */
    public static final String SEALED = "credentials sealed";
    /** At least one credential was masked: redriven, the mail would show the mask. */
    public static final String MASKED = "credentials masked";
    /** The value is not kept (the header's text starts so). */
    public static final String WITHHELD = "value withheld";
    private static final String CREDENTIAL_DOC = "Credential";

    private final AvroSerdes serdes;
    private final CredentialSealer sealer;

    /** Masks clear credentials (a service or tool without Deskpost's public keys). */
    public CredentialRedaction(AvroSerdes serdes) {
        this(serdes, null);
    }

    /** @param sealer seals clear credential fields of access events; null masks them */
    public CredentialRedaction(AvroSerdes serdes, CredentialSealer sealer) {
        this.serdes = serdes;
        this.sealer = sealer;
    }

    /**
     * @param topic the topic the record was read from or meant for (retry topics resolve to their main topic)
     * @param headers the dead letter's headers; the note ({@link #HEADER}) is added when the record carries
     *     credentials or cannot be read
     * @return the value the dead letter may keep
     */
    public byte[] redact(String topic, byte[] value, Headers headers) {
        Optional<Topic<?>> source = topicOf(topic);
        if (value == null || source.isEmpty() || !carriesCredentials(source.get())) {
            return value;
        }
        Redacted redacted;
        try {
            redacted = redact(source.get(), value);
        } catch (SerializationException | ClassCastException undecodable) {
            headers.add(HEADER, (WITHHELD + ": undecodable on a topic that carries credentials; the original is "
                    + value.length + " bytes at the original offset").getBytes(UTF_8));
            return new byte[0];
        }
        if (redacted.note() != null) {
            headers.add(HEADER, redacted.note().getBytes(UTF_8));
        }
        return redacted.value();
    }

    /** The value kept, and the note saying so (null when the record carries no credential). */
    private record Redacted(byte[] value, String note) {
    }

    /** What becomes of one credential value. */
    private enum Fate { NONE, SEALED, MASKED }

    private static boolean carriesCredentials(Topic<?> topic) {
        Class<?> type = topic.valueType();
        return type == AccessEvent.class || type == EmailDraft.class || type == OutboundEmail.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Redacted redact(Topic topic, byte[] value) {
        SpecificRecord record = serdes.deserialize((Topic<SpecificRecord>) topic, value);
        if (record instanceof EmailDraft draft) {
            Fate fate = fateOf(draft);
            return fate == Fate.MASKED ? new Redacted(serdes.serialize(topic, maskDraft(draft)), MASKED)
                    : new Redacted(value, note(fate));
        }
        if (record instanceof OutboundEmail outbound) {
            Fate fate = fateOf(outbound.getDraft());
            return fate == Fate.MASKED ? new Redacted(serdes.serialize(topic, OutboundEmail.newBuilder(outbound)
                    .setDraft(maskDraft(outbound.getDraft())).build()), MASKED) : new Redacted(value, note(fate));
        }
        AccessEvent event = (AccessEvent) record;
        AccessEvent kept = SpecificData.get().deepCopy(AccessEvent.getClassSchema(), event);
        Fate[] fate = {Fate.NONE};
        boolean[] changed = {false};
        String location = event.getHeader().getLocationId();
        String member = event.getMemberId();
        forEachCredential((SpecificRecord) kept.getPayload(), (holder, field, text) -> {
            if (wellSealed(text)) {
                fate[0] = worse(fate[0], Fate.SEALED);
                return;
            }
            boolean seal = sealer != null && !SealedCredential.isSealed(text);
            holder.put(field.pos(), seal ? sealer.seal(text, location, member) : Secrets.MASK);
            fate[0] = worse(fate[0], seal ? Fate.SEALED : Fate.MASKED);
            changed[0] = true;
        });
        // Nothing clear in it: the original bytes, as the facility system sent them.
        return new Redacted(changed[0] ? serdes.serialize(topic, kept) : value, note(fate[0]));
    }

    private static String note(Fate fate) {
        return switch (fate) {
            case NONE -> null;
            case SEALED -> SEALED;
            case MASKED -> MASKED;
        };
    }

    private static Fate worse(Fate a, Fate b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Sealed secrets are kept; any clear (or malformed) one masks the draft. */
    private static Fate fateOf(EmailDraft draft) {
        if (draft.getSecrets().isEmpty()) {
            return Fate.NONE;
        }
        return draft.getSecrets().stream().allMatch(CredentialRedaction::wellSealed) ? Fate.SEALED : Fate.MASKED;
    }

    private static boolean wellSealed(String text) {
        if (!SealedCredential.isSealed(text)) {
            return false;
        }
        try {
            SealedCredential.parse(text);
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * The draft with its clear credential values masked wherever they appear, and in the secrets list
     * itself. A draft whose secrets are all sealed is returned as it is: its text shows placeholders only.
     */
    public static EmailDraft maskDraft(EmailDraft draft) {
        if (fateOf(draft) != Fate.MASKED) {
            return draft;
        }
        return EmailDraft.newBuilder(draft)
                .setSubject(Secrets.mask(draft.getSubject(), draft.getSecrets()))
                .setBodyText(Secrets.mask(draft.getBodyText(), draft.getSecrets()))
                .setBodyHtml(Secrets.mask(draft.getBodyHtml(), draft.getSecrets()))
                .setSecrets(Collections.nCopies(draft.getSecrets().size(), Secrets.MASK))
                .build();
    }

    private interface CredentialVisitor {
        void visit(SpecificRecord holder, Schema.Field field, String value);
    }

    private static void forEachCredential(SpecificRecord record, CredentialVisitor visitor) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof CharSequence text && field.doc() != null && field.doc().startsWith(CREDENTIAL_DOC)) {
                visitor.visit(record, field, text.toString());
            } else if (value instanceof SpecificRecord nested) {
                forEachCredential(nested, visitor);
            }
        }
    }

    private static Optional<Topic<?>> topicOf(String name) {
        return Topics.ALL.stream()
                .filter(topic -> name.equals(topic.name()) || name.startsWith(topic.name() + "."))
                .max(Comparator.comparingInt(topic -> topic.name().length()));
    }
}
