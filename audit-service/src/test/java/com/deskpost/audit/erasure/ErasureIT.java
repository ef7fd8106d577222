package com.deskpost.audit.erasure;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.TestHttp;
import com.deskpost.audit.testdata.AuditDatabase;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The running audit service learns of an erasure from mail.consent, as delivery announces it (under the
 * keyed pseudonym, never the address): the person's stored rows get the pseudonym and lose their detail,
 * other rows that mention the address lose their detail, the chain still verifies, and an audit event
 * about the person that arrives later on mail.audit is stored under the pseudonym.
 */
class ErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pseudonyms PSEUDONYMS = AuditDatabase.PSEUDONYMS;

    private static AuditTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = AuditTestStack.start();
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void anErasureOnMailConsentPseudonymisesTheStoredRowsAndTheChainStillVerifies() {
        // Given Hedy's audit rows (once with her address in capitals, as a composer stores it), another
        // person's row that names her, and an unrelated row, all arrived on mail.audit
        audit(anAuditEvent(101).setRecipient("Hedy@Example.com").setDetail("Drafted for Hedy").build());
        audit(anAuditEvent(102).setRecipient("hedy@example.com").build());
        audit(anAuditEvent(103).setRecipient("staff@example.com").setDetail("Copy of the mail to hedy@example.com").build());
        audit(anAuditEvent(104).setRecipient("someone@example.com").build());
        await().atMost(WAIT).until(() -> storedRows("audit-101", "audit-102", "audit-103", "audit-104") == 4);
        String pseudonym = PSEUDONYMS.of("hedy@example.com");

        // When delivery announces her erasure
        erase(pseudonym);

        // Then her address and the free text naming her are gone from the trail
        await().atMost(WAIT).until(() -> recipientOf("audit-102").equals(pseudonym));
        List<Map<String, Object>> rows = stack.jdbc().queryForList(
                "select audit_id, recipient, detail from audit_log where audit_id in"
                        + " ('audit-101', 'audit-102', 'audit-103', 'audit-104') order by seq");
        assertThat(rows.toString()).doesNotContainIgnoringCase("hedy@example.com").doesNotContain("Drafted for Hedy");
        assertThat(rows).filteredOn(row -> row.get("audit_id").equals("audit-101"))
                .extracting(row -> row.get("recipient"), row -> row.get("detail"))
                .containsExactly(Tuple.tuple(pseudonym, null));
        assertThat(rows).filteredOn(row -> row.get("audit_id").equals("audit-103"))
                .extracting(row -> row.get("recipient"), row -> row.get("detail"))
                .containsExactly(Tuple.tuple("staff@example.com", null));
        assertThat(rows).filteredOn(row -> row.get("audit_id").equals("audit-104"))
                .extracting(row -> row.get("recipient"), row -> row.get("detail"))
                .containsExactly(Tuple.tuple("someone@example.com", "Accepted by SMTP server"));
        assertThat(TestHttp.json(http.get("/api/v1/audit?recipient=hedy@example.com")).get("items").isEmpty()).isTrue();
        // And the chain still verifies
        assertIntact();

        // When a later transition about her arrives
        audit(anAuditEvent(105).setRecipient("HEDY@example.com").setDetail("Suppressed: mail to HEDY@example.com").build());

        // Then it is stored under her pseudonym, without its detail, and the chain still verifies
        await().atMost(WAIT).until(() -> storedRows("audit-105") == 1);
        assertThat(stack.jdbc().queryForMap("select recipient, detail from audit_log where audit_id = 'audit-105'"))
                .containsEntry("recipient", pseudonym).containsEntry("detail", null);
        assertIntact();
    }

    @Test
    void anErasureFindsRowsFromBeforeKeyedDigestsOnceARowRevealsTheAddress() {
        // Given Ida's row with a keyed digest and one written before keyed digests (an unkeyed SHA-256)
        audit(anAuditEvent(201).setRecipient("ida@example.com").build());
        await().atMost(WAIT).until(() -> storedRows("audit-201") == 1);
        AuditEvent legacy = anAuditEvent(202).setRecipient("ida@example.com").setDetail("Old row about Ida").build();
        // (appended by hand, its hashes left out: the service writes keyed digests only; removed again below)
        stack.jdbc().update("insert into audit_log (audit_id, draft_id, type, occurred_at, actor, recipient, detail,"
                + " recipient_digest, detail_digest, attributes, prev_hash, hash, chain_id, chain_position) values (?, ?, 'SENT',"
                + " now(), 'delivery-service', ?, ?, ?, ?, '{}', repeat('0', 64), repeat('0', 64), 'legacy', 1)", legacy.getAuditId(), legacy.getDraftId(),
                "ida@example.com", legacy.getDetail(), sha256("ida@example.com"), sha256(legacy.getDetail()));

        try {
            // When her erasure is announced
            erase(PSEUDONYMS.of("ida@example.com"));

            // Then the legacy row gets the pseudonym its unkeyed digest fixes and loses its detail
            String legacyPseudonym = "erased:" + sha256("ida@example.com").substring(0, 16);
            await().atMost(WAIT).until(() -> recipientOf("audit-202").equals(legacyPseudonym));
            assertThat(recipientOf("audit-201")).isEqualTo(PSEUDONYMS.of("ida@example.com"));
            assertThat(stack.jdbc().queryForObject("select detail from audit_log where audit_id = 'audit-202'",
                    String.class)).isNull();
        } finally {
            stack.jdbc().update("delete from audit_log where audit_id = 'audit-202'");
        }
    }

    private static void audit(AuditEvent event) {
        stack.publish(Topics.MAIL_AUDIT, event.getDraftId(), event);
    }

    private static void erase(String pseudonym) {
        stack.publish(Topics.MAIL_CONSENT, pseudonym, ConsentChange.newBuilder().setEmail(pseudonym)
                .setTag(ConsentTag.ERASED).setAction(ConsentAction.ADDED).setSource("erasure")
                .setSourceRef("api-client:ops").setChangedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build());
    }

    private static int storedRows(String... auditIds) {
        return stack.jdbc().queryForObject("select count(*) from audit_log where audit_id = any(?)", Integer.class,
                (Object) auditIds);
    }

    private static String recipientOf(String auditId) {
        return stack.jdbc().queryForObject("select recipient from audit_log where audit_id = ?", String.class, auditId);
    }

    private static void assertIntact() {
        JsonNode verification = TestHttp.json(http.get("/api/v1/audit/verification"));
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
