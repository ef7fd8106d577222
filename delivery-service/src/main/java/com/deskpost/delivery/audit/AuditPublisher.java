package com.deskpost.delivery.audit;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.KafkaException;
import org.springframework.stereotype.Component;

/** Writes delivery's audit events to mail.audit and waits for the broker's acknowledgement. */
@Component
public class AuditPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroSerdes serdes;

    public AuditPublisher(KafkaTemplate<String, byte[]> kafka, AvroSerdes serdes) {
        this.kafka = kafka;
        this.serdes = serdes;
    }

    public void publish(AuditEvent event) {
        byte[] value = serdes.serialize(Topics.MAIL_AUDIT, event);
        try {
            kafka.send(Topics.MAIL_AUDIT.name(), event.getDraftId(), value).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted publishing audit event " + event.getAuditId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not publish audit event " + event.getAuditId() + " to "
                    + Topics.MAIL_AUDIT.name(), e);
        }
    }
}
