package com.deskpost.delivery.audit;

import com.deskpost.events.AuditEvent;
import com.deskpost.platform.publish.TopicPublisher;
import com.deskpost.platform.topic.Topics;
import org.springframework.stereotype.Component;

/** Writes delivery's audit events to mail.audit, keyed by draft id, and waits for the broker. */
@Component
public class AuditPublisher {

    private final TopicPublisher publisher;

    public AuditPublisher(TopicPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(AuditEvent event) {
        publisher.publish(Topics.MAIL_AUDIT, event.getDraftId(), event);
    }
}
