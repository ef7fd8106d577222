package com.deskpost.ingest.brivo;

import static com.deskpost.ingest.testdata.WebhookAnswers.assertIgnored;
import static com.deskpost.ingest.testdata.WebhookAnswers.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.ingest.vendor.WebhookToken;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Brivo's event subscription against a real broker and registry: a user's door access after the site's hours, posted
 * to the subscription URL with its token, is one AfterHoursAccess on facility.access dated when it happened, and
 * Brivo's retry of it is a duplicate; a door forced open (token from a relay's header) is an INFO incident; a call
 * with a wrong or no token is refused 401; an unmapped event and an access within hours are ignored; a field missing
 * is 422 with its JSON path and unparsable JSON 400 with line and column; none of the refused, ignored or duplicate
 * calls produce anything. Brivo signs nothing and sends no timestamp, so there is no "expired" signature.
 */
class BrivoWebhookIT {

    private static final String TOKEN = "brivo-test-webhook-token-0123456789";
    private static final long SITE = 7833522;

    private static IngestUnderTest ingest;
    private static IngestCalls calls;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(List.of(Topics.FACILITY_ACCESS),
                "--deskpost.ingest.brivo.webhook-token=" + TOKEN,
                "--deskpost.ingest.brivo.location-ids." + SITE + "=NYC-B",
                "--deskpost.ingest.brivo.opening-hours." + SITE + "=America/New_York 07:00-20:00");
        calls = ingest.calls();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void anAfterHoursAccessIsOneEventAndBrivosRetryIsADuplicate() {
        // Given a user's access at 22:30 New York time, delivered by Brivo two days later
        String body = BrivoFixtures.access(BrivoFixtures.uuid(), 55601, SITE, "2026-12-02T03:30:00Z");
        Map<TopicPartition, Long> before = ingest.ends(Topics.FACILITY_ACCESS);
        long total = ingest.end(Topics.FACILITY_ACCESS);

        // When Brivo posts it to the subscription URL carrying the token
        HttpResponse<String> accepted = post("?token=" + TOKEN, null, body);

        // Then one AfterHoursAccess is on facility.access, keyed by the member, dated when the door opened
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"outcome\":\"published\"", "\"topic\":\"facility.access\"");
        ConsumerRecord<String, byte[]> record = ingest.records(Topics.FACILITY_ACCESS, before, 1).get(0);
        assertThat(record.key()).isEqualTo("brivo-55601");
        AccessEvent event = ingest.serdes().deserialize(Topics.FACILITY_ACCESS, record.value());
        assertThat(event.getHeader().getLocationId()).isEqualTo("NYC-B");
        assertThat(event.getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-12-02T03:30:00Z"));
        AfterHoursAccess access = (AfterHoursAccess) event.getPayload();
        assertThat(access.getDoorName()).isEqualTo("Main Entrance");
        assertThat(access.getAccessedAt()).isEqualTo(Instant.parse("2026-12-02T03:30:00Z"));
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(total + 1);

        // When Brivo sends it again
        HttpResponse<String> again = post("?token=" + TOKEN, null, body);

        // Then it is a duplicate naming the same event id, and nothing more is produced
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("\"outcome\":\"duplicate\"", event.getHeader().getEventId());
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(total + 1);
    }

    @Test
    void aDoorForcedOpenRelayedWithTheTokenHeaderIsAnInfoIncidentForTheSite() {
        String body = BrivoFixtures.forced(BrivoFixtures.uuid(), SITE, "2026-12-01T17:00:00Z");
        Map<TopicPartition, Long> before = ingest.ends(Topics.FACILITY_ACCESS);

        HttpResponse<String> accepted = post("", TOKEN, body);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        ConsumerRecord<String, byte[]> record = ingest.records(Topics.FACILITY_ACCESS, before, 1).get(0);
        assertThat(record.key()).isEqualTo("brivo-site-" + SITE);
        AccessEvent event = ingest.serdes().deserialize(Topics.FACILITY_ACCESS, record.value());
        assertThat(event.getHeader().getLocationId()).isEqualTo("NYC-B");
        BuildingIncident incident = (BuildingIncident) event.getPayload();
        assertThat(incident.getSeverity()).isEqualTo(IncidentSeverity.INFO);
        assertThat(incident.getSummary()).isEqualTo("Door forced open: Back Door");
    }

    @Test
    void wrongMissingUnmappedWithinHoursAndBadCallsProduceNothing() {
        // Given what was produced so far
        String body = BrivoFixtures.access(BrivoFixtures.uuid(), 55602, SITE, "2026-12-02T04:00:00Z");
        long total = ingest.end(Topics.FACILITY_ACCESS);

        // When calls with a wrong or no token, an unmapped, a within-hours, an incomplete and a malformed event arrive
        assertRefused(post("?token=not-the-token", null, body), 401, "A wrong Brivo webhook token");
        assertRefused(post("", "not-the-token", body), 401, "A wrong Brivo webhook token");
        assertRefused(post("", null, body), 401, "No Brivo webhook token");
        String login = BrivoFixtures.audit(BrivoFixtures.uuid(), "User Login", "2026-12-01T17:00:00Z");
        assertIgnored(post("?token=" + TOKEN, null, login), "User Login) is not mapped");
        String noon = BrivoFixtures.access(BrivoFixtures.uuid(), 55602, SITE, "2026-12-01T17:00:00Z");
        assertIgnored(post("?token=" + TOKEN, null, noon), "within opening hours");
        String noSite = body.replace("\"site\": {\"id\": " + SITE + ",", "\"site\": {");
        // (a field Brivo left out is 422 with its path, as every ingest field error; JSON that does not parse, 400)
        assertRefused(post("?token=" + TOKEN, null, noSite), 422, "\"path\":\"$.site.id\"");
        assertRefused(post("?token=" + TOKEN, null, body.substring(0, body.length() - 3)), 400, "malformed_json");

        // Then nothing was produced, and the refused event, with the token, is published
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(total);
        HttpResponse<String> later = post("?token=" + TOKEN, null, body);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(total + 1);
    }

    private static HttpResponse<String> post(String query, String header, String body) {
        var request = calls.post(BrivoWebhookController.PATH + query, body);
        return calls.send(header == null ? request : request.header(WebhookToken.HEADER, header));
    }
}
