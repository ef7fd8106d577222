package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditColumn;
import static com.deskpost.devstack.StackQueries.auditTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.internet.MimeMessage;
import com.deskpost.testsupport.SmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GDPR erasure through the whole stack: delivery's contacts API erases an address whose mail is
 * held by oversight; the erasure travels on mail.consent under the keyed pseudonym only, yet
 * oversight (sharing the pseudonym secret) finds the person and drops the held draft, audit-service
 * pseudonymises the audit trail and its chain still verifies, and afterwards no record on mail.consent
 * and no row of any service's database names them. And a GDPR subject access through the same stack: the
 * export holds every row of every service's database that names the person, and nothing of anyone else.
 * A mail that was sent is archived byte for byte as the SMTP server
 * received it; its erasure leaves only the hash, which the audit row keeps, and the chain still verifies.
 */
class ErasureEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Location LONDON = Location.newBuilder(SampleFacility.location("LDN-E", "Deskpost Erasure",
            "London", "GB", "Europe/London", "UK")).setApprovers(List.of("M-STAFF")).build();
    private static final String GRACE = "grace.erased@members.example";
    private static final String HOPPER = "hopper.archived@members.example";
    // The development values the services' settings files ship; the stack runs with them.
    private static final String API_KEY = "dev-only-api-key";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("dev-only-pseudonym-secret");

    private static LocalStack stack;
    private static FacilityPublisher publisher;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-GRACE", SampleFacility.member("M-GRACE", "Grace",
                GRACE, "en-GB", LONDON.getLocationId()));
        publisher.publish(Topics.FACILITY_MEMBERS, "M-HOPPER", SampleFacility.member("M-HOPPER", "Hopper",
                HOPPER, "en-GB", LONDON.getLocationId()));
        stack.startServices();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        stack.close();
    }

    @Test
    void anErasureTravelsUnderItsPseudonymYetOversightDropsTheHeldDraftAndNoRecordOrRowNamesThePerson()
            throws Exception {
        // Given an after-hours override notice to Grace, held by oversight's gated floor
        EmailDraft draft = overrideNotice(GRACE);
        publisher.publish(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft);
        await().atMost(WAIT).until(() -> auditTypes(stack, draft.getDraftId()).contains("HELD"));

        // When staff erase her address through delivery's contacts API
        HttpResponse<String> erasure = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.httpPort("delivery-service") + "/api/v1/contacts/" + GRACE + "/erasure"))
                .header("Authorization", "Bearer " + API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then the answer names her keyed pseudonym, the one every service makes with the shared secret
        assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(200);
        Matcher answered = Pattern.compile("\"pseudonym\"\\s*:\\s*\"([^\"]+)\"").matcher(erasure.body());
        assertThat(answered.find()).isTrue();
        String pseudonym = answered.group(1);
        assertThat(pseudonym).isEqualTo(PSEUDONYMS.of(GRACE));
        // And oversight, which learnt of it by pseudonym only, dropped her held draft: never sent
        await().atMost(WAIT).until(() -> auditTypes(stack, draft.getDraftId()).contains("SUPPRESSED"));
        assertThat(auditColumn(stack, "recipient", draft.getDraftId(), "SUPPRESSED")).containsExactly(pseudonym);
        assertThat(oversight("select status || ' ' || recipient from held_drafts where draft_id = ?",
                draft.getDraftId())).containsExactly("CANCELLED " + pseudonym);
        assertThat(stack.smtp().messagesTo(GRACE)).isEmpty();
        // And mail.consent carries the erasure under the pseudonym, and nothing on it names her
        List<String> consent = consentRecords();
        assertThat(consent).anySatisfy(record -> assertThat(record).contains(pseudonym, "erased"));
        assertThat(consent).noneSatisfy(record -> assertThat(record.toLowerCase(Locale.ROOT)).contains(GRACE));
        // And no row of any service's database holds her address: audit-service, too, learnt of it by pseudonym
        await().atMost(WAIT).until(() -> rowsContaining(stack.deliveryDatabase(), GRACE).isEmpty()
                && rowsContaining(stack.oversightDatabase(), GRACE).isEmpty()
                && rowsContaining(stack.auditDatabase(), GRACE).isEmpty());
        // And the audit API, on audit-service's port, finds nothing under her address, and its chain still verifies
        assertThat(audit("/api/v1/audit?recipient=" + GRACE)).contains("\"items\":[]");
        assertThat(audit("/api/v1/audit/verification")).contains("\"intact\":true");
    }

    @Test
    void aSubjectAccessExportHoldsEveryRowOfEveryDatabaseThatNamesThePersonAndNoOneElsesData() throws Exception {
        // Given Ida and Otto in the directory, each sent a booking confirmation, each with a draft held by oversight
        // and each opted in; and Ida complained about her mail
        String ida = "ida.subject@members.example";
        String otto = "otto.other@members.example";
        publisher.publish(Topics.FACILITY_MEMBERS, "M-IDA", SampleFacility.member("M-IDA", "Ida", ida, "en-GB",
                LONDON.getLocationId()));
        publisher.publish(Topics.FACILITY_MEMBERS, "M-OTTO", SampleFacility.member("M-OTTO", "Otto", otto, "en-GB",
                LONDON.getLocationId()));
        await().atMost(WAIT).until(() -> StackQueries.composerDirectoryHas(stack, "M-IDA")
                && StackQueries.composerDirectoryHas(stack, "M-OTTO"));
        MimeMessage idasMail = confirmBooking("B-SAR-IDA", "M-IDA", ida);
        MimeMessage ottosMail = confirmBooking("B-SAR-OTTO", "M-OTTO", otto);
        EmailDraft idasHeld = heldNotice(ida, "M-IDA");
        EmailDraft ottosHeld = heldNotice(otto, "M-OTTO");
        for (EmailDraft held : List.of(idasHeld, ottosHeld)) {
            publisher.publish(Topics.MAIL_DRAFTS, held.getSupersedeKey(), held);
            await().atMost(WAIT).until(() -> auditTypes(stack, held.getDraftId()).contains("HELD"));
        }
        tag(ida, "opt_in");
        tag(otto, "opt_in");
        FeedbackReports.complain(stack, idasMail, ida);
        String idasDraft = FeedbackReports.draftIdOf(idasMail);
        await().atMost(WAIT).until(() -> auditTypes(stack, idasDraft).contains("COMPLAINED"));

        // When her export is asked for, with the key of the subject-access scope
        String pseudonym = PSEUDONYMS.of(ida);
        await().atMost(WAIT).untilAsserted(() -> {
            String export = subjectAccess(ida);

            // Then it names her and holds each part: directory, tags, sent mail, complaint, held draft, audit trail
            assertThat(export).contains("\"email\":\"" + ida + "\"", "\"pseudonym\":\"" + pseudonym + "\"",
                    "\"memberId\":\"M-IDA\"", "\"tag\":\"opt_in\"", "\"tag\":\"complained\"", idasDraft,
                    "\"kind\":\"COMPLAINT\"", idasHeld.getDraftId(), "\"status\":\"PENDING\"", "\"type\":\"SENT\"",
                    "\"type\":\"COMPLAINED\"", "\"type\":\"HELD\"");
            // And every row of every service's database that names her address or her pseudonym is in it
            List<SubjectAccessSearch.Row> rows = SubjectAccessSearch.rowsNaming(List.of(stack.deliveryDatabase(),
                    stack.oversightDatabase(), stack.auditDatabase()), ida, pseudonym);
            JsonNode sections = JsonMapper.shared().readTree(export).get("sections");
            assertThat(rows).as("rows naming her").extracting(SubjectAccessSearch.Row::table)
                    .contains("delivery_ledger", "consent_tags", "mail_feedback", "held_drafts", "audit_log");
            assertThat(rows.stream().map(row -> SubjectAccessSearch.unrepresented(row, sections))
                    .flatMap(Optional::stream)).as("rows naming her that the export leaves out").isEmpty();
            // And nothing of anyone else: no other member's address, pseudonym, mail or draft
            String others = export.toLowerCase(Locale.ROOT);
            assertThat(others).doesNotContain(otto, PSEUDONYMS.of(otto), GRACE, PSEUDONYMS.of(GRACE), "m-otto",
                    FeedbackReports.draftIdOf(ottosMail), ottosHeld.getDraftId());
            assertThat(Pattern.compile("[a-z0-9._%+-]+@members\\.example").matcher(others).results()
                    .map(MatchResult::group).distinct()).containsOnly(ida);
        });
    }

    private static String subjectAccess(String address) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.httpPort("delivery-service") + "/api/v1/contacts/" + address + "/subject-access"))
                .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void tag(String address, String tag) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.httpPort("delivery-service") + "/api/v1/contacts/" + address + "/tags"))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tag\":\"" + tag + "\",\"action\":\"ADDED\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** An after-hours override notice, held by oversight's gated floor, to another member than Grace. */
    private static EmailDraft heldNotice(String to, String memberId) {
        return EmailDraft.newBuilder(overrideNotice(to)).setRecipient(Recipient.newBuilder().setEmail(to)
                .setName(memberId).setMemberId(memberId).setRole(RecipientRole.MEMBER).build())
                .setAboutMemberId(memberId).build();
    }

    /** A booking confirmation for the member, as the booking composer writes it, once the SMTP server has it. */
    private static MimeMessage confirmBooking(String bookingId, String memberId, String address) {
        Instant start = Instant.parse("2027-03-02T10:00:00Z");
        publisher.publish(Topics.FACILITY_BOOKINGS, bookingId, SampleFacility.created(bookingId, memberId,
                LONDON.getLocationId(), SampleFacility.room("R-" + bookingId, "Room " + bookingId,
                        ResourceKind.MEETING_ROOM), start, start.plus(Duration.ofHours(1))));
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(address).isEmpty());
        return stack.smtp().messagesTo(address).get(0);
    }

    @Test
    void aSentMailIsArchivedExactlyAsTheSmtpServerReceivedItAndAfterErasureOnlyItsHashRemainsAndTheChainVerifies()
            throws Exception {
        // Given a booking confirmation to Hopper, released by oversight and accepted by the SMTP server
        EmailDraft draft = bookingConfirmation(HOPPER);
        publisher.publish(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft);
        await().atMost(WAIT).until(() -> auditTypes(stack, draft.getDraftId()).contains("SENT")
                && stack.smtp().messagesTo(HOPPER).size() == 1);

        // Then its SENT audit row names the archived message by the SHA-256 of exactly the bytes the client sent:
        // what GreenMail received less the trace fields it prepends (Return-Path, Received; RFC 5321 §4.4)
        byte[] received = SmtpServer.asSent(stack.smtp().messagesTo(HOPPER).get(0));
        String hash = archiveHash(draft.getDraftId());
        assertThat(hash).isEqualTo(sha256(received));
        // And delivery's archive API serves those very bytes, as message/rfc822
        HttpResponse<byte[]> archived = archive(hash);
        assertThat(archived.statusCode()).isEqualTo(200);
        assertThat(archived.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(archived.body()).isEqualTo(received);

        // When staff erase Hopper's address
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort("delivery-service")
                        + "/api/v1/contacts/" + HOPPER + "/erasure")).header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        // Then the archived content is gone (410, JSON), and no row of any database names Hopper
        HttpResponse<byte[]> gone = archive(hash);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(new String(gone.body(), StandardCharsets.UTF_8)).contains("\"error\":\"gone\"");
        await().atMost(WAIT).until(() -> rowsContaining(stack.deliveryDatabase(), HOPPER).isEmpty()
                && rowsContaining(stack.auditDatabase(), HOPPER).isEmpty());
        // And the pseudonymised SENT row still names the hash, and the audit chain still verifies
        assertThat(auditColumn(stack, "recipient", draft.getDraftId(), "SENT")).containsExactly(PSEUDONYMS.of(HOPPER));
        assertThat(archiveHash(draft.getDraftId())).isEqualTo(hash);
        assertThat(audit("/api/v1/audit/verification")).contains("\"intact\":true");
    }

    /** The archive_sha256 attribute of the draft's SENT audit row, as audit-service stored it. */
    private static String archiveHash(String draftId) throws SQLException {
        List<String> attributes = auditColumn(stack, "attributes", draftId, "SENT");
        assertThat(attributes).hasSize(1);
        Matcher hash = Pattern.compile("archive_sha256\\W+([0-9a-f]{64})").matcher(attributes.get(0));
        assertThat(hash.find()).as(attributes.get(0)).isTrue();
        return hash.group(1);
    }

    private static HttpResponse<byte[]> archive(String hash) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort("delivery-service")
                + "/api/v1/archive/" + hash)).header("Authorization", "Bearer " + API_KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static EmailDraft bookingConfirmation(String to) {
        String id = UUID.randomUUID().toString();
        return EmailDraft.newBuilder(overrideNotice(to)).setDraftId(id)
                .setEventType("booking_created").setTemplate("booking-confirmation")
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(to).setName("Hopper").setMemberId("M-HOPPER")
                        .setRole(RecipientRole.MEMBER).build())
                .setSubject("Your desk is booked")
                .setBodyText("Desk 12 is yours on Monday, 09:00 to 17:00.")
                .setBodyHtml("<p>Desk 12 is yours on Monday, 09:00 to 17:00.</p>")
                .setSupersedeKey("booking:" + id).setAboutMemberId("M-HOPPER")
                .setThread(MailThread.newBuilder().setThreadKey("booking:" + id).build())
                .build();
    }

    private static String audit(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.httpPort("audit-service") + path)).header("Authorization", "Bearer " + API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static EmailDraft overrideNotice(String to) {
        String id = UUID.randomUUID().toString();
        return EmailDraft.newBuilder()
                .setDraftId(id)
                .setHeader(SampleFacility.header(LONDON.getLocationId(), 1, Instant.now()))
                .setEventType("after_hours_override")
                .setTemplate("after-hours-override")
                .setCategory(EmailCategory.SECURITY)
                .setRecipient(Recipient.newBuilder().setEmail(to).setName("Grace").setMemberId("M-GRACE")
                        .setRole(RecipientRole.MEMBER).build())
                .setLocationId(LONDON.getLocationId())
                .setSubject("After-hours access granted for tonight")
                .setBodyText("Staff opened the east door for you from 22:00 to 23:00.")
                .setBodyHtml("<p>Staff opened the east door for you from 22:00 to 23:00.</p>")
                .setSupersedeKey("override:" + id)
                .setEntityVersion(1)
                .setRequestedBy("access-composer")
                .setThread(MailThread.newBuilder().setThreadKey("override:" + id).build())
                .setCreatedAt(Instant.now())
                .setAboutMemberId("M-GRACE")
                .build();
    }

    /** Every record on mail.consent, key and value read as text, from the beginning of each partition. */
    private static List<String> consentRecords() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAIL_CONSENT.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> out = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    out.add(latin1(record.key()) + " " + latin1(record.value()));
                }
            }
            return out;
        }
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static List<String> oversight(String sql, String parameter) throws SQLException {
        var db = stack.oversightDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** Every table.column (text, varchar, json, bytea read as text) of the database with a row containing it. */
    private static List<String> rowsContaining(Postgres.Database db, String needle) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("""
                    select table_name, column_name, data_type from information_schema.columns
                     where table_schema = current_schema()
                       and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')""")) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (String[] column : columns) {
                String name = "\"" + column[1] + "\"";
                String value = "bytea".equals(column[2]) ? "encode(" + name + ", 'escape')" : name + "::text";
                try (PreparedStatement query = connection.prepareStatement("select count(*) from \"" + column[0]
                        + "\" where strpos(lower(" + value + "), ?) > 0")) {
                    query.setString(1, needle.toLowerCase(Locale.ROOT));
                    try (ResultSet count = query.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            hits.add(column[0] + "." + column[1] + ": " + count.getLong(1));
                        }
                    }
                }
            }
        }
        return hits;
    }
}
