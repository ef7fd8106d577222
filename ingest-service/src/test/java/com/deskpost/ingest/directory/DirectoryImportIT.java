package com.deskpost.ingest.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.Member;
import com.deskpost.ingest.testdata.IngestUnderTest;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A directory file posted to ingest is published whole to the directory topic, or refused whole with every problem. */
class DirectoryImportIT {

    private static final String HR_KEY = "hr-directory-key-0123";
    private static final String BOOKINGS_KEY = "bookings-only-key-0123";

    private static IngestUnderTest ingest;
    private static String base;

    @BeforeAll
    static void start() {
        ingest = IngestUnderTest.start(
                "--deskpost.ingest.clients[0].id=hr",
                "--deskpost.ingest.clients[0].key=" + HR_KEY,
                "--deskpost.ingest.clients[0].topics[0]=facility.members",
                "--deskpost.ingest.clients[0].topics[1]=facility.locations",
                "--deskpost.ingest.clients[1].id=bookings",
                "--deskpost.ingest.clients[1].key=" + BOOKINGS_KEY,
                "--deskpost.ingest.clients[1].topics[0]=facility.bookings");
        base = "http://localhost:" + ingest.context().getEnvironment().getRequiredProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    @Test
    void aMemberCsvIsPublishedOneRecordPerMemberUnderItsId() throws Exception {
        // When the operator's HR export is posted as CSV
        HttpResponse<String> response = post("/api/v1/directory/members", HR_KEY, "text/csv", resource("members.csv"));

        // Then all three rows are published, keyed by member id, and read back as the members
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"topic\":\"facility.members\"", "\"rows\":3", "\"published\":3");
        Map<String, Member> members = read(Topics.FACILITY_MEMBERS, 3);
        assertThat(members).containsKeys("M-IMP-1", "M-IMP-2", "M-IMP-3");
        assertThat(members.get("M-IMP-2").getLocationIds()).containsExactly("LDN-IMP", "BER-IMP");
        assertThat(members.get("M-IMP-1").getName()).isEqualTo("Inès Import");
    }

    @Test
    void aLocationJsonIsPublishedAndADryRunPublishesNothing() throws Exception {
        // Given a dry run first
        HttpResponse<String> dry = post("/api/v1/directory/locations?dry_run=true", HR_KEY, "application/json",
                resource("locations.json"));
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(dry.body()).contains("\"rows\":1", "\"dry_run\":true").doesNotContain("published");
        assertThat(endOffset(Topics.FACILITY_LOCATIONS)).isZero();

        // When it is posted for real
        HttpResponse<String> posted = post("/api/v1/directory/locations", HR_KEY, "application/json",
                resource("locations.json"));

        // Then the location is published
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(read(Topics.FACILITY_LOCATIONS, 1).get("LDN-IMP").getTimeZone()).isEqualTo("Europe/London");
    }

    @Test
    void aFileWithProblemsIsRefusedWholeWithEachProblemAndNothingIsPublished() throws Exception {
        long before = endOffset(Topics.FACILITY_MEMBERS);
        String csv = "member_id,email,name\nM-OK,ok@example.com,Ok\nM-BAD,not-an-address,Bad\n";

        HttpResponse<String> response = post("/api/v1/directory/members", HR_KEY, "text/csv", csv.getBytes());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("\"error\":\"invalid_rows\"", "nothing was imported",
                "\"row\":3", "\"column\":\"email\"", "not an email address: not-an-address");
        assertThat(endOffset(Topics.FACILITY_MEMBERS)).isEqualTo(before);
    }

    @Test
    void aClientWithoutTheDirectoryTopicIsForbiddenAndAWrongTypeIsNamed() throws Exception {
        HttpResponse<String> forbidden = post("/api/v1/directory/members", BOOKINGS_KEY, "text/csv",
                resource("members.csv"));
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"error\":\"forbidden\"", "facility.members");

        HttpResponse<String> wrongType = post("/api/v1/directory/members", HR_KEY, "application/xml", "<x/>".getBytes());
        assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(415);
        assertThat(wrongType.body()).contains("text/csv", "application/json");
    }

    private static HttpResponse<String> post(String path, String key, String type, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The latest value per key on the topic, once at least {@code atLeast} records are there. */
    private static <V extends org.apache.avro.specific.SpecificRecord> Map<String, V> read(Topic<V> topic,
            int atLeast) {
        Map<String, V> latest = new java.util.LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = ingest.consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Integer> count = new ArrayList<>(List.of(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    latest.put(record.key(), ingest.serdes().deserialize(topic, record.value()));
                    count.set(0, count.get(0) + 1);
                });
                return count.get(0) >= atLeast;
            });
        }
        return latest;
    }

    private static long endOffset(Topic<?> topic) {
        return ingest.end(topic);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DirectoryImportIT.class.getResourceAsStream("/directory/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
