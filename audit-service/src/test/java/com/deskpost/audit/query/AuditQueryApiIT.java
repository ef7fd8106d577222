package com.deskpost.audit.query;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.TestHttp;
import com.deskpost.audit.store.AuditLog;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * get_thread, the audit query and the chain verification over HTTP against the running service, on
 * audit rows written by its own store.
 */
class AuditQueryApiIT {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    private static final String THREAD = "booking:B-7";
    private static final String DRAFT = "draft-b7";

    private static AuditTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startServiceWithHistory() {
        stack = AuditTestStack.start();
        http = new TestHttp(stack);
        AuditLog audit = stack.service().getBean(AuditLog.class);
        // Appended out of order, as events from different services reach the store.
        audit.append(transition(3, AuditType.SENT, "ada@example.com", 20));
        audit.append(transition(1, AuditType.DRAFTED, "Ada@Example.com", 0));
        audit.append(transition(2, AuditType.RELEASED, null, 10));
        audit.append(transition(4, AuditType.COPY_SENT, "staff@example.com", 21));
        audit.append(anAuditEvent(5).setRecipient("ada@example.com").setOccurredAt(MONDAY.plusSeconds(86_400)).build());
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void aThreadsHistoryIsInTheOrderThingsHappened() {
        // When
        JsonNode thread = TestHttp.json(http.get("/api/v1/threads/" + THREAD));
        JsonNode draft = TestHttp.json(http.get("/api/v1/drafts/" + DRAFT + "/history"));

        // Then
        assertThat(field(thread, "type")).containsExactly("DRAFTED", "RELEASED", "SENT", "COPY_SENT");
        assertThat(field(draft, "type")).containsExactly("DRAFTED", "RELEASED", "SENT", "COPY_SENT");
        JsonNode sent = thread.get("items").get(2);
        assertThat(sent.get("actor").asString()).isEqualTo("delivery-service");
        assertThat(sent.get("recipient").asString()).isEqualTo("ada@example.com");
        assertThat(sent.get("messageId").asString()).isEqualTo("<draft-3@shoreditch.deskpost.example>");
        assertThat(sent.get("detail").asString()).isEqualTo("Accepted by SMTP server");
        assertThat(sent.get("occurredAt").asString()).isEqualTo("2025-03-03T09:00:20Z");
        assertThat(sent.get("attributes").get("template").asString()).isEqualTo("booking-confirmation");
    }

    @Test
    void anUnknownThreadOrDraftIsAJson404() {
        // When
        HttpResponse<String> thread = http.get("/api/v1/threads/booking:NOPE");
        HttpResponse<String> draft = http.get("/api/v1/drafts/nope/history");

        // Then
        assertThat(thread.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(thread).get("error").asString()).isEqualTo("not_found");
        assertThat(TestHttp.json(thread).get("message").asString()).contains("booking:NOPE");
        assertThat(draft.statusCode()).isEqualTo(404);
    }

    @Test
    void theAuditIsQueriedByRecipientInAnyCaseAndTimeRange() {
        // When
        JsonNode monday = TestHttp.json(http.get(
                "/api/v1/audit?recipient=ada@EXAMPLE.com&from=2025-03-03T00:00:00Z&to=2025-03-04T00:00:00Z"));
        JsonNode all = TestHttp.json(http.get("/api/v1/audit?recipient=ada@example.com"));

        // Then
        assertThat(field(monday, "type")).containsExactly("DRAFTED", "SENT");
        assertThat(field(all, "auditId")).containsExactly("audit-1", "audit-3", "audit-5");
    }

    @Test
    void tamperingWithOneRowIsNamedByTheVerification() {
        // Given an intact chain
        assertThat(TestHttp.json(http.get("/api/v1/audit/verification")).get("intact").asBoolean()).isTrue();
        long seq = stack.jdbc().queryForObject("select seq from audit_log where audit_id = 'audit-3'", Long.class);
        String digest = stack.jdbc().queryForObject("select detail_digest from audit_log where audit_id = 'audit-3'",
                String.class);

        // When someone with table access rewrites one row's detail digest
        stack.jdbc().update("update audit_log set detail_digest = repeat('0', 64) where audit_id = 'audit-3'");
        try {
            JsonNode verification = TestHttp.json(http.get("/api/v1/audit/verification"));

            // Then
            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("auditId").asString()).isEqualTo("audit-3");
            assertThat(verification.get("reason").asString()).isEqualTo("hash does not match the row's content");
            // and, per chain, which chain and where; full verification names it too
            assertThat(verification.get("mode").asString()).isEqualTo("incremental");
            assertThat(verification.get("firstBrokenChain").asString()).isEqualTo("mail.audit-0");
            JsonNode chain = verification.get("chains").get(0);
            assertThat(chain.get("chain").asString()).isEqualTo("mail.audit-0");
            assertThat(chain.get("intact").asBoolean()).isFalse();
            assertThat(chain.get("firstBrokenPosition").asLong()).isEqualTo(verification.get("firstBrokenPosition").asLong());
            assertThat(chain.get("auditId").asString()).isEqualTo("audit-3");
            JsonNode full = TestHttp.json(http.get("/api/v1/audit/verification?full=true"));
            assertThat(full.get("mode").asString()).isEqualTo("full");
            assertThat(full.get("auditId").asString()).isEqualTo("audit-3");
        } finally {
            stack.jdbc().update("update audit_log set detail_digest = ? where audit_id = 'audit-3'", digest);
        }
        assertThat(TestHttp.json(http.get("/api/v1/audit/verification")).get("rows").asLong()).isEqualTo(5);
    }

    private static AuditEvent transition(int n, AuditType type, String recipient, int second) {
        return anAuditEvent(n).setDraftId(DRAFT).setThreadKey(THREAD).setType(type).setRecipient(recipient)
                .setOccurredAt(MONDAY.plusSeconds(second)).build();
    }

    private static List<String> field(JsonNode page, String name) {
        return page.get("items").valueStream().map(item -> item.get(name).asString()).toList();
    }
}
