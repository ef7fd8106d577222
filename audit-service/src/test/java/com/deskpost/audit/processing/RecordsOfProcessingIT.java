package com.deskpost.audit.processing;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.TestHttp;
import com.deskpost.events.AuditType;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.sql.QueryPlans;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The records of processing in the running service: an audit event read from mail.audit is stored with the lawful
 * basis and purpose of its communication type (a setting overriding a default included), the chain still verifies,
 * and the Art. 30 register answers in JSON and CSV with the rows stored under each entry, to a key with the scope
 * read only.
 */
class RecordsOfProcessingIT {

    private static AuditTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        // booking_reminder's basis overridden as an operator would, the key written without brackets
        stack = AuditTestStack.start("--deskpost.processing.event-types.booking_reminder.lawful-basis="
                + "legitimate-interests", "--deskpost.processing.controller=Deskpost Coworking Ltd, dpo@example.com");
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void eachStoredRowCarriesItsBasisAndPurposeAndTheRegisterCountsThem() throws Exception {
        // Given a booking confirmation, a reminder, commercial mail of a type not listed, and an agent's call
        stack.publish(Topics.MAIL_AUDIT, "draft-1", anAuditEvent(1)
                .setAttributes(Map.of("event_type", "booking_created", "category", "TRANSACTIONAL")).build());
        stack.publish(Topics.MAIL_AUDIT, "draft-2", anAuditEvent(2)
                .setAttributes(Map.of("event_type", "booking_reminder", "category", "TRANSACTIONAL")).build());
        stack.publish(Topics.MAIL_AUDIT, "draft-3", anAuditEvent(3)
                .setAttributes(Map.of("event_type", "desk_survey", "category", "COMMERCIAL")).build());
        stack.publish(Topics.MAIL_AUDIT, "draft-4", anAuditEvent(4).setType(AuditType.AGENT_CALL)
                .setAttributes(Map.of("event_type", "booking_created", "tool", "send_email")).build());

        // When they are stored
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.jdbc()
                .queryForObject("select count(*) from audit_log", Long.class) == 4);

        // Then each row names its activity, basis and purpose
        Map<String, Map<String, Object>> rows = stack.jdbc().query(
                "select audit_id, processing_activity, lawful_basis, purpose from audit_log", rs -> {
                    Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
                    while (rs.next()) {
                        byId.put(rs.getString("audit_id"), Map.of("activity", rs.getString("processing_activity"),
                                "basis", rs.getString("lawful_basis"), "purpose", rs.getString("purpose")));
                    }
                    return byId;
                });
        assertThat(rows.get("audit-1")).containsEntry("activity", "event:booking_created")
                .containsEntry("basis", "CONTRACT")
                .containsEntry("purpose", "Confirming, changing and reminding of the member's bookings");
        assertThat(rows.get("audit-2")).containsEntry("activity", "event:booking_reminder")
                .containsEntry("basis", "LEGITIMATE_INTERESTS");
        assertThat(rows.get("audit-3")).containsEntry("activity", "category:COMMERCIAL")
                .containsEntry("basis", "CONSENT");
        assertThat(rows.get("audit-4")).containsEntry("activity", "audit:AGENT_CALL")
                .containsEntry("basis", "LEGITIMATE_INTERESTS");
        // and the chain, whose hashes cover them, verifies
        JsonNode verification = TestHttp.json(http.get("/api/v1/audit/verification?full=true"));
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("rows").asLong()).isEqualTo(4);

        // When the register is asked for
        HttpResponse<String> json = http.get(RecordsOfProcessingController.PATH);
        HttpResponse<String> csv = csv(RecordsOfProcessingController.PATH);

        // Then it lists every entry with its basis and the rows stored under it
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode register = TestHttp.json(json);
        assertThat(register.get("controller").asString()).isEqualTo("Deskpost Coworking Ltd, dpo@example.com");
        JsonNode created = entry(register, "event:booking_created");
        assertThat(created.get("lawfulBasis").asString()).isEqualTo("CONTRACT");
        assertThat(created.get("article").asString()).isEqualTo("6(1)(b)");
        assertThat(created.get("rowsStored").asLong()).isEqualTo(1);
        assertThat(created.get("dataSubjects").toString()).contains("members", "guests");
        assertThat(entry(register, "event:booking_reminder").get("lawfulBasis").asString())
                .isEqualTo("LEGITIMATE_INTERESTS");
        assertThat(entry(register, "category:COMMERCIAL").get("rowsStored").asLong()).isEqualTo(1);
        assertThat(entry(register, "audit:AGENT_CALL").get("rowsStored").asLong()).isEqualTo(1);
        assertThat(entry(register, "event:community_announcement").get("article").asString()).isEqualTo("6(1)(a)");
        assertThat(entry(register, "event:inquiry_reply").get("rowsStored").asLong()).isZero();
        assertThat(register.get("retention").toString()).contains("audit_log", "facility.access", "3 days",
                "mail.consent", "45 days");
        assertThat(register.get("recipients").toString()).contains("SMTP relay");
        assertThat(register.get("securityMeasures").toString()).contains("sealed", "hash-chained", "pseudonyms");
        // and as CSV, one row per entry after the header
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/csv"));
        assertThat(csv.body().lines().findFirst()).hasValue("id,covers,purpose,lawfulBasis,article,whyThisBasis,"
                + "dataSubjects,personalData,rowsStored,controller,recipients,transfers,retention,securityMeasures");
        List<Map<String, String>> lines;
        try (MappingIterator<Map<String, String>> read = CsvMapper.builder().build().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.body())) {
            lines = read.readAll();
        }
        assertThat(lines).hasSize(register.get("activities").size());
        assertThat(lines).filteredOn(line -> line.get("id").equals("event:booking_created")).singleElement()
                .satisfies(line -> {
                    assertThat(line).containsEntry("lawfulBasis", "CONTRACT").containsEntry("article", "6(1)(b)")
                            .containsEntry("rowsStored", "1").containsEntry("dataSubjects", "members; guests");
                    assertThat(line.get("retention")).contains("audit_log", "facility.access: 3 days");
                });

        // And the count reads the activity index, never the whole table
        try (Connection connection = stack.jdbc().getDataSource().getConnection()) {
            assertThat(QueryPlans.wholeTableReads(connection, ActivityCounts.COUNTS,
                    List.of((Object) new String[] {"event:booking_created", "unclassified"}))).isEmpty();
        }
    }

    @Test
    void theRegisterNeedsAKeyWithTheScopeRead() {
        HttpResponse<String> none = http.getAs(null, RecordsOfProcessingController.PATH);
        HttpResponse<String> wrong = http.getAs("Bearer not-a-key-0123456789", RecordsOfProcessingController.PATH);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(none).get("message").asString()).startsWith("Send Authorization: Bearer <api key>");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(http.getAs(null, "/v3/api-docs")).get("paths").propertyNames())
                .contains(RecordsOfProcessingController.PATH);
    }

    private static JsonNode entry(JsonNode register, String id) {
        return StreamSupport.stream(register.get("activities").spliterator(), false)
                .filter(entry -> id.equals(entry.get("id").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + id + " in " + register));
    }

    private static HttpResponse<String> csv(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(path)))
                .header("Authorization", "Bearer " + AuditTestStack.API_KEY).header("Accept", "text/csv").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
