package com.deskpost.oversight.intake;

import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.digest.CopyDigest;
import com.deskpost.oversight.notify.HeldNotices;
import com.deskpost.oversight.policy.OversightProperties;
import com.deskpost.oversight.policy.OversightProperties.StaffCopies;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Drafts of every lane (mail.drafts, .priority, .bulk) through the policy, exactly once: the release (or the hold's announcement), its
 * audit event and the consumed offset commit in one Kafka transaction, so a restart or replay
 * never half-releases. The hold itself is a row in the approval queue written just before; a
 * replay finds it there and leaves it unchanged. The policy is the stored one, read per draft, so an admin's change
 * applies to the next draft without a restart.
 */
@Configuration
@EnableConfigurationProperties(OversightProperties.class)
class OversightTopology {

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, OversightProperties properties, OversightPolicy policy,
            HoldQueue queue, CopyDigest copyDigest, ReleaseAttestation attestation, HeldNotices notices) {
        DirectoryTables.register(builder, serdes);
        DraftIntakeHandler.Queue holds = (draft, verdict, heldAt, expiresAt) -> {
            queue.hold(draft, serdes.serialize(Topics.MAIL_DRAFTS, draft), verdict.mode(), verdict.rule(), heldAt,
                    expiresAt);
            // The approvers hear of it from notify's job, which reads this row: nothing they are sent delays a hold.
            notices.held(draft.getDraftId(), draft.getLocationId(), heldAt, expiresAt);
        };
        DraftIntakeHandler.Digest digest = properties.staffCopies() == StaffCopies.HOURLY_DIGEST ? copyDigest::note : null;
        for (Lane lane : Lane.values()) {
            // One sub-topology per lane, so each lane's partitions are tasks of their own: Streams interleaves
            // tasks, while records within one task are taken in timestamp order behind any backlog.
            EventRouting.route(builder, lane.drafts(), serdes, stores -> new DraftIntakeHandler(
                    policy, DirectoryTables.view(stores), holds, digest, properties.holdExpiry(), attestation, Clock.systemUTC()));
        }
    }
}
