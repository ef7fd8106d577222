package com.deskpost.audit.chain;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.TestHttp;
import com.deskpost.events.AuditEvent;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The running service stores each mail.audit record in the chain of the partition it was read from,
 * and every chain verifies over HTTP.
 */
class PartitionChainsIT {

    private static AuditTestStack stack;

    @BeforeAll
    static void startService() {
        stack = AuditTestStack.start();
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void eachRecordIsAppendedToTheChainOfItsPartition() {
        // Given 30 transitions of 30 drafts, spread by their keys over mail.audit's partitions
        Map<String, Integer> partitionOf = new HashMap<>();
        IntStream.range(0, 30).forEach(n -> {
            AuditEvent event = anAuditEvent(1000 + n).build();
            partitionOf.put(event.getAuditId(), stack.publish(Topics.MAIL_AUDIT, event.getDraftId(), event).partition());
        });

        // When the store has read them all
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.jdbc().queryForObject(
                "select count(*) from audit_log where audit_id like 'audit-10%'", Long.class) == 30);

        // Then each sits in the chain of the partition its record was on
        Map<String, String> chainOf = stack.jdbc().queryForList(
                "select audit_id, chain_id from audit_log where audit_id like 'audit-10%'").stream()
                .collect(Collectors.toMap(row -> (String) row.get("audit_id"), row -> (String) row.get("chain_id")));
        assertThat(chainOf).hasSize(30).allSatisfy((auditId, chain) ->
                assertThat(chain).isEqualTo("mail.audit-" + partitionOf.get(auditId)));
        Set<String> chains = Set.copyOf(chainOf.values());
        assertThat(chains).as("spread over several chains").hasSizeGreaterThan(1);
        // And every chain verifies, each reported on its own
        JsonNode verification = TestHttp.json(new TestHttp(stack).get("/api/v1/audit/verification?full=true"));
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("chains").size()).isEqualTo(chains.size());
    }
}
