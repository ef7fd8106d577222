package com.deskpost.oversight.release;

import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.policy.OversightProperties;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * mail.drafts through the policy, exactly once: the release (or hold), its audit event and the
 * consumed offset commit in one Kafka transaction, so a restart or replay never half-releases.
 */
@Configuration
@EnableConfigurationProperties(OversightProperties.class)
class OversightTopology {

    @Autowired
    void build(StreamsBuilder builder, AvroSerdes serdes, OversightProperties properties) {
        OversightPolicy policy = new OversightPolicy(properties);
        DirectoryTables.register(builder, serdes);
        EventRouting.route(builder, Topics.MAIL_DRAFTS, serdes, stores -> new DraftIntakeHandler(
                policy, DirectoryTables.view(stores), properties.holdExpiry(), Clock.systemUTC()));
    }
}
