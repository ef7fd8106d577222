package com.deskpost.oversight.decision;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Decisions published by ops tools on mail.decisions: the same rules as the REST door; refusals are audited. */
@Component
class DecisionListener {

    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);

    private final DecisionService decisions;
    private final AvroSerdes serdes;

    DecisionListener(DecisionService decisions, AvroSerdes serdes) {
        this.decisions = decisions;
        this.serdes = serdes;
    }

    @KafkaListener(id = "decisions", groupId = "deskpost-oversight-decisions",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_DECISIONS.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ApprovalDecision decision = serdes.deserialize(Topics.MAIL_DECISIONS, record.value());
        try (var logContext = MailLogContext.of(decision.getDraftId(), null)) {
            DecisionResult result = decisions.decide(new DecisionRequest(decision.getDecisionId(),
                    decision.getDraftId(), decision.getAction(), decision.getDecidedBy(), decision.getReason(),
                    decision.getEditedSubject(), decision.getEditedBodyText()));
            log.info("Decision {} on draft {} by {}: {}", decision.getDecisionId(), decision.getDraftId(),
                    decision.getDecidedBy(), result);
        }
    }
}
