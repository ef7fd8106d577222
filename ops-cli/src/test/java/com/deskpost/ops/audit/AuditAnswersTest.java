package com.deskpost.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.ops.Json;
import com.deskpost.ops.OpsFailure;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AuditAnswersTest {

    private static final URI URL = URI.create("http://audit-service:8091/api/v1/audit/verification");

    @Test
    void successIsTheJson() {
        assertThat(AuditApi.answer(URL, 200, "{\"intact\":true,\"rows\":3}").path("rows").asLong()).isEqualTo(3);
    }

    @Test
    void aRefusedKeyIsAUsageErrorSayingWhichKey() {
        assertThatThrownBy(() -> AuditApi.answer(URL, 401, "{\"error\":\"unauthorized\",\"message\":\"no\"}"))
                .isInstanceOfSatisfying(OpsFailure.class, f -> assertThat(f.exitCode()).isEqualTo(OpsFailure.USAGE))
                .hasMessageContaining("--api-key").hasMessageContaining("DESKPOST_API_KEY");
    }

    @Test
    void aKeyWithoutTheScopeIsAUsageErrorNamingTheScope() {
        assertThatThrownBy(() -> AuditApi.answer(URL, 403, "{\"error\":\"missing_scope\",\"message\":"
                + "\"This API key lacks the scope 'read' that GET /api/v1/audit/verification needs.\"}"))
                .isInstanceOfSatisfying(OpsFailure.class, f -> assertThat(f.exitCode()).isEqualTo(OpsFailure.USAGE))
                .hasMessageContaining("scope 'read'").hasMessageContaining("DESKPOST_API_KEY");
    }

    @Test
    void aNotFoundCarriesTheServersSentence() {
        assertThatThrownBy(() -> AuditApi.answer(URL, 404,
                "{\"error\":\"not_found\",\"message\":\"No audit rows for draft x.\"}"))
                .isInstanceOfSatisfying(OpsFailure.class, f -> assertThat(f.exitCode()).isEqualTo(OpsFailure.USAGE))
                .hasMessage("No audit rows for draft x.");
    }

    @Test
    void aServerErrorMeansTheComponentIsNotThere() {
        assertThatThrownBy(() -> AuditApi.answer(URL, 503, "<html>busy</html>"))
                .isInstanceOfSatisfying(OpsFailure.class,
                        f -> assertThat(f.exitCode()).isEqualTo(OpsFailure.UNREACHABLE))
                .hasMessageContaining("HTTP 503").hasMessageContaining("/actuator/health");
    }

    @Test
    void verificationIsDescribedWithTheFirstBrokenRow() {
        assertThat(VerifyAuditCommand.describe(Json.MAPPER.readTree("{\"intact\":true,\"rows\":12}")))
                .isEqualTo("Audit chain intact: 12 rows verified.");
        assertThat(VerifyAuditCommand.describe(Json.MAPPER.readTree(
                "{\"intact\":false,\"rows\":5,\"firstBrokenSeq\":5,\"auditId\":\"a-5\",\"reason\":\"hash mismatch\"}")))
                .startsWith("Audit chain BROKEN at seq 5 (audit id a-5): hash mismatch. 5 rows read");
    }

    @Test
    void verificationIsDescribedPerChainWithItsCheckpointAndArchive() {
        assertThat(VerifyAuditCommand.describe(Json.MAPPER.readTree("""
                {"intact":false,"rows":8,"firstBrokenSeq":40,"auditId":"a-40","reason":"hash mismatch",
                 "mode":"incremental","firstBrokenChain":"mail.audit-1","firstBrokenPosition":13,"chains":[
                  {"chain":"mail.audit-0","intact":true,"rows":5,"fromCheckpoint":10,"lastPosition":15,
                   "archived":{"segments":1,"rows":10,"upToPosition":10,"files":[{"file":"mail.audit-0/mail.audit-0-1-10.jsonl.gz",
                   "sha256":"ab12","fromPosition":1,"toPosition":10}]}},
                  {"chain":"mail.audit-1","intact":false,"rows":3,"fromCheckpoint":10,"firstBrokenPosition":13,
                   "firstBrokenSeq":40,"auditId":"a-40","reason":"hash mismatch"}]}""")))
                .isEqualTo("Audit chain BROKEN at seq 40 (audit id a-40, chain mail.audit-1 position 13): hash mismatch. 8"
                        + " rows read; rows before it are intact. Treat this as an incident: keep the database as it is"
                        + " and compare the row with mail.audit.\n"
                        + "  mail.audit-0: intact, 5 rows read, from the checkpoint at position 10; archived 10 rows up to"
                        + " position 10 in 1 file, the last mail.audit-0/mail.audit-0-1-10.jsonl.gz (SHA-256 ab12)\n"
                        + "  mail.audit-1: BROKEN at position 13 (audit id a-40): hash mismatch, from the checkpoint at"
                        + " position 10");
    }

    @Test
    void historyRowsReadAsATimeline() {
        String line = HistoryCommand.timelineLine(Json.MAPPER.readTree("""
                {"occurredAt":"2026-11-24T10:00:00Z","type":"SENT","actor":"delivery-service",
                 "recipient":"ada@example.com","detail":null,"messageId":"<d@x>"}"""));
        assertThat(line).startsWith("2026-11-24T10:00:00Z").contains("SENT", "delivery-service",
                "ada@example.com", "<d@x>").doesNotContain("null");
    }
}
