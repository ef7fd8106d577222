package com.deskpost.oversight.queue;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.AuditType;
import com.deskpost.events.EntityVersion;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drafts leave the queue without a decision when the world moves on: a newer version of their
 * entity supersedes them (DESIGN §3.2). (Their recipient's erasure drops them too:
 * {@code com.deskpost.oversight.erasure.Erasure}.)
 */
@Component
class QueueHousekeeping {

    private final HoldQueue queue;
    private final Resolutions resolutions;
    private final TransactionTemplate tx;
    private final AvroSerdes serdes;

    QueueHousekeeping(HoldQueue queue, Resolutions resolutions, TransactionTemplate tx, AvroSerdes serdes) {
        this.queue = queue;
        this.resolutions = resolutions;
        this.tx = tx;
        this.serdes = serdes;
    }

    @KafkaListener(id = "supersession", groupId = "deskpost-oversight-supersession",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_ENTITY_VERSIONS.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        EntityVersion version = serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, record.value());
        Instant now = Clock.systemUTC().instant();
        for (HeldDraft held : queue.supersededBy(version.getSupersedeKey(), version.getVersion())) {
            close(held, Status.SUPERSEDED, AuditType.SUPERSEDED, ApprovalOutcome.SUPERSEDED,
                    "Superseded while held: " + version.getSupersedeKey() + " is at version " + version.getVersion()
                            + " (" + version.getStatus() + ")", now);
        }
    }

    private void close(HeldDraft held, Status status, AuditType type, ApprovalOutcome outcome, String detail,
            Instant now) {
        tx.executeWithoutResult(s -> {
            if (queue.resolve(held.draftId(), status, Resolutions.ACTOR, now, null, detail)) {
                resolutions.closed(held, type, outcome, Resolutions.ACTOR, detail, now);
            }
        });
    }
}
