package com.deskpost.oversight.decision;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.oversight.decision.DecisionResult.Refusal;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Decisions published by ops tools on mail.decisions: each must carry a valid proof
 * ({@link DecisionKeys}), then the same rules as the REST door apply. Refusals of either kind are
 * audited DECISION_REFUSED with the reason, and the draft stays held.
 */
@Component
@EnableConfigurationProperties(DecisionKeysProperties.class)
class DecisionListener {

    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);

    private final DecisionService decisions;
    private final DecisionKeys keys;
    private final AvroSerdes serdes;

    DecisionListener(DecisionService decisions, DecisionKeysProperties keys, AvroSerdes serdes) {
        this.decisions = decisions;
        this.keys = new DecisionKeys(keys);
        this.serdes = serdes;
    }

    @KafkaListener(id = "decisions", groupId = "deskpost-oversight-decisions",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_DECISIONS.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        ApprovalDecision decision = serdes.deserialize(Topics.MAIL_DECISIONS, record.value());
        try (var logContext = MailLogContext.of(decision.getDraftId(), null)) {
            DecisionRequest request = new DecisionRequest(decision.getDecisionId(), decision.getDraftId(),
                    decision.getAction(), decision.getDecidedBy(), decision.getReason(), decision.getEditedSubject(),
                    decision.getEditedBodyText());
            Optional<String> unproven = keys.problem(decision);
            DecisionResult result = unproven.isPresent()
                    ? decisions.refuse(request, Refusal.INVALID_PROOF, unproven.get())
                    : decisions.decide(request);
            log.info("Decision {} on draft {} by {} (key {}): {}", decision.getDecisionId(), decision.getDraftId(),
                    decision.getDecidedBy(), decision.getProofKeyId(), result);
        }
    }
}
