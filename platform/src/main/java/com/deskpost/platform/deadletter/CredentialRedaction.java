package com.deskpost.platform.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.audit.Secrets;
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
 * What a dead letter keeps of a record that may carry credentials (facility.access events, and
 * the drafts and releases of every lane). DESIGN §4 allows a door code only in the body of the
 * mail to its holder, and dead letters are browsed, copied and kept longer than mail: so a
 * decodable record is kept with every credential masked (fields documented "Credential" in the
 * contract, and a draft's listed secrets), and an undecodable one is withheld, its bytes left in
 * the source topic where the dead-letter headers point. A masked record cannot be redriven to
 * deliver a credential: the facility system issues the credential again.
 */
public final class CredentialRedaction {

    /** Header on a redacted dead letter saying what was done to its value. */
    public static final String HEADER = "deskpost_redacted";
    private static final String CREDENTIAL_DOC = "Credential";

    private final AvroSerdes serdes;

    public CredentialRedaction(AvroSerdes serdes) {
        this.serdes = serdes;
    }

    /**
     * @param topic the topic the record was read from or meant for (retry topics resolve to their main topic)
     * @param headers the dead letter's headers; the redaction note is added to them
     * @return the value the dead letter may keep
     */
    public byte[] redact(String topic, byte[] value, Headers headers) {
        Optional<Topic<?>> source = topicOf(topic);
        if (value == null || source.isEmpty() || !carriesCredentials(source.get())) {
            return value;
        }
        try {
            byte[] masked = mask(source.get(), value);
            headers.add(HEADER, "credentials masked".getBytes(UTF_8));
            return masked;
        } catch (SerializationException | ClassCastException undecodable) {
            headers.add(HEADER, ("value withheld: undecodable on a topic that carries credentials; the original is "
                    + value.length + " bytes at the original offset").getBytes(UTF_8));
            return new byte[0];
        }
    }

    private static boolean carriesCredentials(Topic<?> topic) {
        Class<?> type = topic.valueType();
        return type == AccessEvent.class || type == EmailDraft.class || type == OutboundEmail.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private byte[] mask(Topic topic, byte[] value) {
        SpecificRecord record = serdes.deserialize((Topic<SpecificRecord>) topic, value);
        SpecificRecord masked;
        if (record instanceof EmailDraft draft) {
            masked = maskDraft(draft);
        } else if (record instanceof OutboundEmail outbound) {
            masked = OutboundEmail.newBuilder(outbound).setDraft(maskDraft(outbound.getDraft())).build();
        } else {
            masked = SpecificData.getForSchema(record.getSchema()).deepCopy(record.getSchema(), record);
            maskCredentialFields(masked);
        }
        return serdes.serialize((Topic<SpecificRecord>) topic, masked);
    }

    /** The draft with its credential values masked wherever they appear, and in the secrets list itself. */
    public static EmailDraft maskDraft(EmailDraft draft) {
        if (draft.getSecrets().isEmpty()) {
            return draft;
        }
        return EmailDraft.newBuilder(draft)
                .setSubject(Secrets.mask(draft.getSubject(), draft.getSecrets()))
                .setBodyText(Secrets.mask(draft.getBodyText(), draft.getSecrets()))
                .setBodyHtml(Secrets.mask(draft.getBodyHtml(), draft.getSecrets()))
                .setSecrets(Collections.nCopies(draft.getSecrets().size(), Secrets.MASK))
                .build();
    }

    private static void maskCredentialFields(SpecificRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof CharSequence && field.doc() != null && field.doc().startsWith(CREDENTIAL_DOC)) {
                record.put(field.pos(), Secrets.MASK);
            } else if (value instanceof SpecificRecord nested) {
                maskCredentialFields(nested);
            }
        }
    }

    private static Optional<Topic<?>> topicOf(String name) {
        return Topics.ALL.stream()
                .filter(topic -> name.equals(topic.name()) || name.startsWith(topic.name() + "."))
                .max(Comparator.comparingInt(topic -> topic.name().length()));
    }
}
