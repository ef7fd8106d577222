package com.deskpost.devstack.compose;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.AclMatrix;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

/**
 * The ACL matrix keeps DESIGN section 4's rules, checked on the file itself (the broker tests show the
 * broker enforces it): who alone writes released mail, approvals and decisions; facility systems only
 * their kind; the console nothing; every service able to do what its own settings make it do.
 */
class AclMatrixTest {

    private static final AclMatrix MATRIX = AclMatrix.load();
    private static final Map<String, List<String>> FACILITY_WRITERS = Map.of(
            "facility-bookings", List.of(Topics.FACILITY_BOOKINGS.name()),
            "facility-access", List.of(Topics.FACILITY_ACCESS.name()),
            "facility-billing", List.of(Topics.FACILITY_BILLING.name()),
            "facility-community", List.of(Topics.FACILITY_COMMUNITY.name()),
            "facility-directory", List.of(Topics.FACILITY_MEMBERS.name(), Topics.FACILITY_LOCATIONS.name()));

    @Test
    void onlyOversightWritesReleasedMailAndApprovals() {
        for (Lane lane : Lane.values()) {
            assertThat(writers(lane.outbound().name())).as(lane.outbound().name()).containsExactly("oversight-service");
        }
        assertThat(writers(Topics.MAIL_APPROVALS.name())).containsExactly("oversight-service");
    }

    @Test
    void onlyOversightWritesTemplateOverridesAndEveryComposerReadsThem() {
        assertThat(writers(Topics.MAIL_TEMPLATES.name())).containsExactly("oversight-service");
        for (String composer : List.of("booking-events", "access-events", "billing-events", "community-events")) {
            assertThat(MATRIX.allows(composer, READ, TOPIC, Topics.MAIL_TEMPLATES.name())).as(composer).isTrue();
        }
    }

    @Test
    void onlyTheOpsToolsWriteDecisions() {
        assertThat(writers(Topics.MAIL_DECISIONS.name())).containsExactly("ops-cli");
    }

    @Test
    void eachFacilitySystemWritesOnlyTheFacilityTopicsOfItsKind() {
        FACILITY_WRITERS.forEach((principal, own) -> {
            for (Topic<?> topic : Topics.ALL) {
                for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                    assertThat(MATRIX.allows(principal, WRITE, TOPIC, name)).as(principal + " writes " + name)
                            .isEqualTo(own.contains(name));
                }
            }
            assertThat(MATRIX.grantsOf(principal)).allSatisfy(grant -> assertThat(grant.resource()).isEqualTo(TOPIC));
        });
    }

    @Test
    void theConsoleReadsEveryTopicAndChangesNothing() {
        Set<AclOperation> reading = Set.of(READ, DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
        assertThat(MATRIX.grantsOf("console")).isNotEmpty()
                .allSatisfy(grant -> assertThat(reading).containsAll(grant.operations()));
        for (Topic<?> topic : Topics.ALL) {
            assertThat(MATRIX.allows("console", READ, TOPIC, topic.deadLetterTopic())).as(topic.name()).isTrue();
        }
    }

    @Test
    void everyServiceOwnsItsStreamsApplicationAndDescribesEveryTopic() throws Exception {
        for (String service : ComposeConformance.SERVICES) {
            assertThat(MATRIX.principals()).as("principals").contains(service);
            for (Topic<?> topic : Topics.ALL) {
                assertThat(MATRIX.allows(service, DESCRIBE, TOPIC, topic.deadLetterTopic()))
                        .as(service + " describes " + topic.deadLetterTopic() + " (KafkaAdmin at start-up)").isTrue();
            }
            var applicationId = ServiceConfig.of(service, Map.of()).get("spring.kafka.streams.application-id");
            if (applicationId.isPresent()) {
                String internal = applicationId.get() + "-store-changelog";
                assertThat(MATRIX.allows(service, CREATE, TOPIC, internal)).as(service + " creates " + internal).isTrue();
                assertThat(MATRIX.allows(service, READ, GROUP, applicationId.get())).as(service + " group").isTrue();
                assertThat(MATRIX.allows(service, WRITE, TRANSACTIONAL_ID, applicationId.get() + "-1-0"))
                        .as(service + " exactly_once_v2 transactional ids").isTrue();
            }
        }
    }

    @Test
    void everyComposerWritesDraftsOfEveryLaneAndTheAuditButNoReleasedMail() {
        for (String composer : List.of("booking-events", "billing-events", "access-events", "community-events",
                "mcp-server")) {
            for (Lane lane : Lane.values()) {
                assertThat(MATRIX.allows(composer, WRITE, TOPIC, lane.drafts().name())).as(composer).isTrue();
                assertThat(MATRIX.allows(composer, WRITE, TOPIC, lane.outbound().name())).as(composer).isFalse();
            }
            assertThat(MATRIX.allows(composer, WRITE, TOPIC, Topics.MAIL_AUDIT.name())).as(composer).isTrue();
        }
    }

    private static List<String> writers(String topic) {
        return MATRIX.principals().stream().filter(principal -> MATRIX.allows(principal, WRITE, TOPIC, topic)).toList();
    }
}
