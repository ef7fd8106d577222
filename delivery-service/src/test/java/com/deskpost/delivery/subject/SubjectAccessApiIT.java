package com.deskpost.delivery.subject;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subject access export against the running service: it needs its own scope, which no other implies; with the
 * services holding the other parts down it is refused 503 naming each missing section and giving nothing; and each
 * of delivery's own sections holds the person's rows, under the address and after an erasure under the pseudonym,
 * and nobody else's. The whole export with every service up is ErasureEndToEndIT's (dev-stack).
 */
class SubjectAccessApiIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EXPORT_KEY = "export-key-0123456789";
    private static final String ALL_BUT_EXPORT_KEY = "all-but-export-key-0123456789";
    private static final String IDA = "ida.subject@example.com";
    private static final String OTTO = "otto.other@example.com";
    private static final String GRACE = "grace.erased@example.com";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET);
    private static final Location LONDON = Location.newBuilder(aLocation().build()).setLocationId("LDN-S")
            .setJurisdiction("UK").build();

    private static DeliveryTestStack stack;
    private static TestHttp http;
    private static int nobodyListens;

    @BeforeAll
    static void startService() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        publishMember("M-IDA", "Ida.Subject@Example.com");
        publishMember("M-OTTO", OTTO);
        nobodyListens = freePort();
        stack.startService(
                "--deskpost.api.clients[1].id=dpo", "--deskpost.api.clients[1].key=" + EXPORT_KEY,
                "--deskpost.api.clients[1].scopes=subject-access",
                "--deskpost.api.clients[2].id=everything-else", "--deskpost.api.clients[2].key=" + ALL_BUT_EXPORT_KEY,
                "--deskpost.api.clients[2].scopes=read,contacts,erasure,deliverability",
                // oversight-service and audit-service are not running: nothing listens where they are said to be
                "--deskpost.subject-access.oversight.url=http://127.0.0.1:" + nobodyListens,
                "--deskpost.subject-access.audit.url=http://127.0.0.1:" + nobodyListens + "/");
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void theExportNeedsItsOwnScopeWhichNoOtherScopeImplies() {
        // When it is asked for without a key, and with a key of every other scope
        HttpResponse<String> anonymous = http.getAs(null, "/api/v1/contacts/" + IDA + "/subject-access");
        HttpResponse<String> otherScopes = http.getAs("Bearer " + ALL_BUT_EXPORT_KEY,
                "/api/v1/contacts/" + IDA + "/subject-access");

        // Then the first is told how to authenticate, the second which scope it lacks
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(anonymous).get("error").asString()).isEqualTo("unauthorized");
        assertThat(otherScopes.statusCode()).isEqualTo(403);
        JsonNode refused = TestHttp.json(otherScopes);
        assertThat(refused.get("error").asString()).isEqualTo("missing_scope");
        assertThat(refused.get("message").asString()).contains("'subject-access'");
        // And a key with the scope is told when the address is none
        HttpResponse<String> invalid = http.getAs("Bearer " + EXPORT_KEY, "/api/v1/contacts/not-an-address/subject-access");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(invalid).get("field").asString()).isEqualTo("email");
    }

    @Test
    void withOversightAndAuditDownTheExportIsRefusedNamingEachMissingSectionAndGivesNothing() {
        // Given Ida in the directory, which delivery holds itself
        await().atMost(WAIT).until(() -> json(section("directory").collect(IDA, PSEUDONYMS.of(IDA)))
                .contains("M-IDA"));

        // When her export is asked for while oversight-service and audit-service do not answer
        HttpResponse<String> response = http.getAs("Bearer " + EXPORT_KEY, "/api/v1/contacts/" + IDA
                + "/subject-access");

        // Then it is refused, 503 with a time to retry, naming each section they hold, their service and why
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
        JsonNode error = TestHttp.json(response);
        assertThat(error.get("error").asString()).isEqualTo("subject_access_incomplete");
        Map<String, String> missing = new TreeMap<>();
        error.get("missing").forEach(part -> missing.put(part.get("section").asString(),
                part.get("service").asString()));
        assertThat(missing).containsExactlyInAnyOrderEntriesOf(Map.of("heldDrafts", "oversight-service",
                "digestEntries", "oversight-service", "auditTrail", "audit-service"));
        assertThat(error.get("missing").get(0).get("reason").asString()).contains("did not answer at http://127.0.0.1:"
                + nobodyListens);
        assertThat(error.get("message").asString()).contains("heldDrafts", "auditTrail", "Retry once they answer");
        // And nothing of what delivery holds about her is given without the rest
        assertThat(response.body()).doesNotContain("M-IDA", "sections");
    }

    @Test
    void deliverysSectionsHoldThePersonsRowsUnderTheAddressAndAfterAnErasureUnderThePseudonymAndNoOneElses() {
        // Given Ida's and Otto's consent tags, sent mail (and a staff copy of Ida's), bounce reports and a claim
        tag(IDA, "opt_in");
        tag(OTTO, "opt_in");
        EmailDraft idas = sent(IDA, "Your desk on Tuesday");
        sent(OTTO, "Your room on Friday");
        stack.service().getBean(DeliveryLedger.class).recordSent(idas, "staff@ldn-s.example",
                DeliveryLedger.Kind.COPY, "<copy-" + idas.getDraftId() + "@deskpost>", Instant.now());
        feedback("fb-ida", IDA, idas.getDraftId());
        feedback("fb-otto", OTTO, "d-otto");
        stack.jdbc().update("insert into delivery_claim (draft_id, recipient, claimant, claimed_at, lease_until)"
                + " values ('d-claimed', ?, 'it', now(), now() + interval '5 minutes')", IDA);
        await().atMost(WAIT).until(() -> json(section("directory").collect(IDA, PSEUDONYMS.of(IDA)))
                .contains("M-IDA"));

        // When delivery's sections are collected for Ida
        String pseudonym = PSEUDONYMS.of(IDA);
        Map<String, String> ida = local(IDA, pseudonym);

        // Then each holds her rows, and none holds Otto's or the staff copy
        assertThat(ida.get("directory")).contains("\"memberId\":\"M-IDA\"", "Ida.Subject@Example.com", "LDN-S");
        assertThat(ida.get("consentTags")).contains("\"storedUnder\":\"" + IDA + "\"", "\"tag\":\"opt_in\"",
                "\"sourceRef\":\"api-client:everything-else\"");
        assertThat(ida.get("deliveryLedger")).contains(idas.getDraftId(), "Your desk on Tuesday", "\"kind\":\"PRIMARY\"")
                .doesNotContain("staff@ldn-s.example", "\"kind\":\"COPY\"");
        assertThat(ida.get("feedback")).contains("fb-ida", "5.1.1").doesNotContain("fb-otto");
        assertThat(ida.get("sendClaims")).contains("d-claimed");
        assertThat(String.join(" ", ida.values())).doesNotContain(OTTO, "Your room on Friday", "M-OTTO");

        // Given Grace, sent a mail and tagged, then erased
        EmailDraft graces = sent(GRACE, "Your invoice");
        tag(GRACE, "opt_in");
        HttpResponse<String> erased = http.postJsonAs("Bearer " + ALL_BUT_EXPORT_KEY,
                "/api/v1/contacts/" + GRACE + "/erasure", "");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        // When her sections are collected by her address
        Map<String, String> grace = local(GRACE, PSEUDONYMS.of(GRACE));

        // Then her sent mail and the erasure are found under her pseudonym; her address is nowhere any more
        assertThat(grace.get("deliveryLedger")).contains(graces.getDraftId(), PSEUDONYMS.of(GRACE))
                .doesNotContain("Your invoice");
        assertThat(grace.get("consentTags")).contains("\"storedUnder\":\"" + PSEUDONYMS.of(GRACE) + "\"",
                "\"tag\":\"erased\"").doesNotContain("opt_in");
        assertThat(String.join(" ", grace.values())).doesNotContain(GRACE);
        // And the export lists these sections beside the ones other services hold
        assertThat(stack.service().getBean(SubjectAccess.class).sections()).contains("auditTrail", "consentTags",
                "deliveryLedger", "digestEntries", "directory", "feedback", "heldDrafts", "sendClaims");
    }

    /** Delivery's own sections for the person, each as the export's JSON writes it. */
    private static Map<String, String> local(String address, String pseudonym) {
        return List.of("directory", "consentTags", "deliveryLedger", "feedback", "sendClaims").stream()
                .collect(Collectors.toMap(name -> name, name -> json(section(name).collect(address, pseudonym))));
    }

    private static SubjectDataSource section(String name) {
        return stack.service().getBeansOfType(SubjectDataSource.class).values().stream()
                .filter(source -> source.section().equals(name)).findFirst().orElseThrow();
    }

    private static String json(Object value) {
        return stack.service().getBean(JsonMapper.class).writeValueAsString(value);
    }

    private static void tag(String address, String tag) {
        HttpResponse<String> response = http.postJsonAs("Bearer " + ALL_BUT_EXPORT_KEY,
                "/api/v1/contacts/" + address + "/tags", "{\"tag\":\"" + tag + "\",\"action\":\"ADDED\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static EmailDraft sent(String address, String subject) {
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).at(LONDON.getLocationId()).to(address)
                .subject(subject).build();
        stack.service().getBean(DeliveryLedger.class).recordSent(draft, address, DeliveryLedger.Kind.PRIMARY,
                "<" + draft.getDraftId() + "@deskpost>", Instant.now());
        return draft;
    }

    private static void feedback(String feedbackId, String recipient, String draftId) {
        stack.jdbc().update("""
                insert into mail_feedback (feedback_id, recipient, kind, status, source, reporter, draft_id, diagnostic,
                                           received_at)
                values (?, ?, 'HARD_BOUNCE', '5.1.1', 'dsn', 'mx.example.com', ?, 'smtp; 550 5.1.1 unknown', ?)""",
                feedbackId, recipient, draftId, Timestamp.from(Instant.now()));
    }

    private static void publishMember(String memberId, String email) {
        stack.topics().publish(Topics.FACILITY_MEMBERS, memberId, Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("member-" + memberId)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z")).setSource("directory-sync")
                        .setEntityVersion(1).setLocationId(LONDON.getLocationId()).setCorrelationId(memberId).build())
                .setMemberId(memberId).setEmail(email).setName(memberId)
                .setLocationIds(List.of(LONDON.getLocationId())).build());
    }

    /** A port nothing listens on: taken from the system, then given back. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
