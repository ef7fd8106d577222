package com.deskpost.mcp.draft;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes an agent's draft as every composer does ({@link DraftPublication}: on its lane's drafts topic,
 * with its DRAFTED audit event), together with the audit record of the call that made it, in one Kafka
 * transaction: oversight and delivery read committed records only, so a draft never exists without the
 * record of who asked for it.
 */
public class DraftPublisher implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> transactional;
    private final AvroSerdes serdes;
    private final MailMetrics metrics;

    /** @param producers a transactional producer factory; closed with this publisher */
    public DraftPublisher(DefaultKafkaProducerFactory<String, byte[]> producers, AvroSerdes serdes) {
        this(producers, serdes, MailMetrics.none());
    }

    public DraftPublisher(DefaultKafkaProducerFactory<String, byte[]> producers, AvroSerdes serdes,
            MailMetrics metrics) {
        this.producers = producers;
        this.transactional = new KafkaTemplate<>(producers);
        this.serdes = serdes;
        this.metrics = metrics;
    }

    @Override
    public void close() {
        producers.destroy();
    }

    /** @return the topic the draft went to */
    public String publish(EmailDraft draft, AuditEvent call) {
        DraftPublication publication = DraftPublication.of(draft, draft.getRequestedBy())
                .detail("Drafted by " + draft.getRequestedBy() + " through the MCP server")
                .attribute("requested_mode", String.valueOf(draft.getRequestedMode()));
        String lane = publication.topic().name();
        try {
            transactional.executeInTransaction(kafka -> {
                for (Emit<?> emit : publication.emits()) {
                    send(kafka, emit);
                }
                send(kafka, Emit.to(Topics.MAIL_AUDIT, call.getDraftId(), call));
                return null;
            });
        } catch (KafkaException e) {
            throw new KafkaException("Could not publish draft " + draft.getDraftId() + " to " + lane, e);
        }
        metrics.transition(publication.drafted());
        metrics.transition(call);
        return lane;
    }

    private <V extends SpecificRecord> void send(KafkaOperations<String, byte[]> kafka, Emit<V> emit) {
        Topic<V> topic = emit.topic();
        String key = emit.key();
        try {
            kafka.send(topic.name(), key, serdes.serialize(topic, emit.value())).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted publishing " + key + " to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not publish " + key + " to " + topic.name(), e);
        }
    }
}
