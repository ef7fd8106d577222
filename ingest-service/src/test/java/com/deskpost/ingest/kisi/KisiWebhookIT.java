package com.deskpost.ingest.kisi;

import static com.deskpost.ingest.testdata.WebhookAnswers.assertIgnored;
import static com.deskpost.ingest.testdata.WebhookAnswers.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.ingest.testdata.IngestUnderTest;
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
 * Kisi's event webhook against a real broker and registry: a signed card assignment is one KeycardProvisioned on
 * facility.access, dated when Kisi says it happened; an unlock after hours is an AfterHoursAccess; a forged or
 * unsigned call is refused; Kisi's repeat and a replay are duplicates; an unmapped type is ignored; a wrong field is
 * 422 with its JSON path and unparsable JSON 400 with line and column; none of the refused, ignored or duplicate calls produce anything. Kisi signs no timestamp,
 * so there is no "expired" signature: an old call replayed is a duplicate, shown here.
 */
class KisiWebhookIT {

    private static final String WEBHOOK = "/api/v1/webhooks/kisi";
    private static final String KEY = "kisi-test-signature-key-0123456789";

    private static IngestUnderTest ingest;
    private static IngestCalls calls;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(List.of(Topics.FACILITY_ACCESS),
                "--deskpost.ingest.kisi.signature-key=" + KEY,
                "--deskpost.ingest.kisi.location-ids.77=LDN-K",
                "--deskpost.ingest.kisi.opening-hours.77=Europe/London 07:00-20:00");
        calls = ingest.calls();
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aSignedCardAssignmentIsOneKeycardEventAndItsRepeatAndReplayAreDuplicates() {
        // Given Kisi's card.assign_user, reported two days after it happened (an offline lock catching up)
        String body = KisiFixtures.card("card.assign_user", KisiFixtures.uuid(), 501, 77, "2026-12-01T09:15:00Z");
        Map<TopicPartition, Long> before = ingest.ends(Topics.FACILITY_ACCESS);
        long total = ingest.end(Topics.FACILITY_ACCESS);

        // When Kisi posts it, signed
        HttpResponse<String> accepted = post(body, KisiFixtures.sign(KEY, body));

        // Then one KeycardProvisioned is on facility.access, keyed by the member, dated when it happened
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"outcome\":\"published\"", "\"topic\":\"facility.access\"");
        ConsumerRecord<String, byte[]> record = ingest.records(Topics.FACILITY_ACCESS, before, 1).get(0);
        assertThat(record.key()).isEqualTo("kisi-501");
        AccessEvent event = ingest.serdes().deserialize(Topics.FACILITY_ACCESS, record.value());
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN-K");
        assertThat(event.getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T09:15:00Z"));
        assertThat(((KeycardProvisioned) event.getPayload()).getKeycardId()).isEqualTo("90210");
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(total + 1);

        // When Kisi sends it again and someone replays the first call
        for (HttpResponse<String> again : List.of(post(body, KisiFixtures.sign(KEY, body)),
                post(body, KisiFixtures.sign(KEY, body)))) {
            // Then each is a duplicate naming the same event id, and nothing more is produced
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(again.body()).contains("\"outcome\":\"duplicate\"", event.getHeader().getEventId());
        }
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(total + 1);
    }

    @Test
    void anUnlockAfterHoursIsPublishedAndForgedUnsignedUnmappedAndBadCallsProduceNothing() {
        // Given an unlock at 23:00 London time
        String late = KisiFixtures.unlock(KisiFixtures.uuid(), 502, "night@k.example", 77, "2026-12-01T23:00:00Z");
        Map<TopicPartition, Long> before = ingest.ends(Topics.FACILITY_ACCESS);
        HttpResponse<String> accepted = post(late, KisiFixtures.sign(KEY, late));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        AccessEvent event = ingest.serdes().deserialize(Topics.FACILITY_ACCESS,
                ingest.records(Topics.FACILITY_ACCESS, before, 1).get(0).value());
        assertThat(((AfterHoursAccess) event.getPayload()).getAccessedAt())
                .isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
        long afterValid = ingest.end(Topics.FACILITY_ACCESS);

        // When a forged, an unsigned, an unmapped, a within-hours and a malformed call arrive
        String body = KisiFixtures.card("card.assign", KisiFixtures.uuid(), 503, 77, "2026-12-01T10:00:00Z");
        assertRefused(post(body, KisiFixtures.sign("an-attackers-key-0123456789", body)), 401, "does not match");
        assertRefused(post(body, null), 401, "X-Signature header is missing");
        String signIn = "{\"uuid\": \"" + KisiFixtures.uuid() + "\", \"type\": \"user.sign_in\"}";
        assertIgnored(post(signIn, KisiFixtures.sign(KEY, signIn)), "user.sign_in is not mapped");
        String noon = KisiFixtures.unlock(KisiFixtures.uuid(), 502, "day@k.example", 77, "2026-12-01T12:00:00Z");
        assertIgnored(post(noon, KisiFixtures.sign(KEY, noon)), "within opening hours");
        String bad = body.replace("\"2026-12-01T10:00:00Z\"", "\"yesterday\"");
        // (a field Kisi sent wrong is 422 with its path, as every ingest field error; JSON that does not parse, 400)
        assertRefused(post(bad, KisiFixtures.sign(KEY, bad)), 422, "\"path\":\"$.created_at\"");
        String broken = body.substring(0, body.length() - 3);
        assertRefused(post(broken, KisiFixtures.sign(KEY, broken)), 400, "malformed_json");

        // Then nothing more was produced, and the refused event, properly signed later, is published
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(afterValid);
        HttpResponse<String> later = post(body, KisiFixtures.sign(KEY, body));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        assertThat(ingest.end(Topics.FACILITY_ACCESS)).isEqualTo(afterValid + 1);
    }

    private static HttpResponse<String> post(String body, String signature) {
        var request = calls.post(WEBHOOK, body);
        return calls.send(signature == null ? request : request.header(KisiSignature.HEADER, signature));
    }
}
