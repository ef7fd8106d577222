package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.Location;
import com.deskpost.ingest.auth.Hmacs;
import com.deskpost.ops.OpsCli;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facility systems without Kafka: a booking POSTed as Avro JSON to the ingest service, and one
 * sent as OfficeRnD's booking webhook, are each confirmed by mail like a booking published to
 * Kafka directly; a directory imported from files with ops-cli serves its members' bookings; and
 * an office and a member OfficeRnD's own webhooks created (directory sync, no hand seeding) serve
 * the member's first booking from OfficeRnD.
 */
class IngestEndToEndIT {

    /** The dev client of ingest-service.yml. */
    private static final String INGEST_KEY = "dev-only-ingest-key";
    private static final String OFFICERND_SECRET = "dev-only-officernd-webhook-secret";
    /** An OfficeRnD office and member, fed into the directory under their OfficeRnD ids. */
    private static final String OFFICERND_OFFICE = "5e1d8bd37f8759001051c0ff";
    private static final String OFFICERND_MEMBER = "5e8c9df14d46c7001064c3ef";
    private static final Location LONDON = SampleFacility.location("LDN-I", "Deskpost Ingest Shoreditch", "London",
            "GB", "Europe/London", "UK");
    private static final Location OFFICERND_LONDON = SampleFacility.location(OFFICERND_OFFICE, "Deskpost Old Street",
            "London", "GB", "Europe/London", "UK");
    /** An OfficeRnD office and member nobody seeds: OfficeRnD's own office and member webhooks create them. */
    private static final String SYNCED_OFFICE = "6751c0de5a1b2c0012d4c0de";
    private static final String SYNCED_MEMBER = "6751c0de5a1b2c0012d4a0a1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static FacilityPublisher publisher;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        publisher.publish(Topics.FACILITY_LOCATIONS, OFFICERND_OFFICE, OFFICERND_LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-INGEST", SampleFacility.member("M-INGEST", "Member M-INGEST",
                "m-ingest@members.example", "en-GB", LONDON.getLocationId()));
        publisher.publish(Topics.FACILITY_MEMBERS, OFFICERND_MEMBER, SampleFacility.member(OFFICERND_MEMBER,
                "Ada Lovelace", "ada.officernd@members.example", "en-GB", OFFICERND_OFFICE));
        // What OfficeRnD's office does not carry and Deskpost needs to mail about it (docs/ingest.md)
        String office = "--deskpost.ingest.officernd.locations." + SYNCED_OFFICE + ".";
        stack.withIngestSettings(office + "jurisdiction=UK", office + "sender-mailbox=canal-side@deskpost.example",
                office + "staff-mailbox=staff.canal-side@deskpost.example").startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
    }

    @Test
    void bookingPostedAsJsonIsConfirmedByMail() throws Exception {
        // Given a facility system's booking in Avro's JSON encoding
        String booking = """
                {"header": {"event_id": "%s", "occurred_at": "2026-11-24T09:00:00Z", "source": "facility-crm",
                            "entity_version": 1, "location_id": {"string": "LDN-I"}, "correlation_id": "crm-77"},
                 "booking_id": "B-INGEST-1", "member_id": "M-INGEST",
                 "payload": {"com.deskpost.events.BookingCreated": {
                     "resource": {"resource_id": "R-LOVELACE", "name": "Meeting room Lovelace", "kind": "MEETING_ROOM"},
                     "starts_at": "2026-12-02T10:00:00Z", "ends_at": "2026-12-02T11:00:00Z"}}}
                """.formatted(UUID.randomUUID());

        // When it posts it to the ingest service
        HttpResponse<String> response = post("/api/v1/events/facility.bookings", booking,
                "Authorization", "Bearer " + INGEST_KEY);

        // Then it is accepted and the member receives the confirmation
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        MimeMessage mail = awaitOneMessageTo("m-ingest@members.example");
        assertThat(mail.getSubject()).contains("Meeting room Lovelace");
        assertThat(part(mail, "text/plain")).contains("B-INGEST-1", "Deskpost Ingest Shoreditch");
    }

    @Test
    void officeRndBookingWebhookIsConfirmedByMail() throws Exception {
        // Given OfficeRnD's booking.created webhook for a member and office the directory knows by OfficeRnD id
        String webhook = """
                {"event": "%s", "eventType": "booking.created",
                 "data": {"object": {"_id": "6743a1f2c9e77a0012a4beef",
                     "start": {"dateTime": "2026-12-03T14:00:00.000Z"}, "end": {"dateTime": "2026-12-03T15:00:00.000Z"},
                     "timezone": "Europe/London", "summary": "Meeting room Babbage",
                     "resourceId": "5e1d8bd37f8759001051a0b0", "member": "%s", "office": "%s", "canceled": false,
                     "createdAt": "2026-11-24T09:10:00.000Z", "modifiedAt": "2026-11-24T09:10:00.000Z"}},
                 "createdAt": "2026-11-24T09:10:00.300Z"}
                """.formatted("6743a1f2c9e77a00" + UUID.randomUUID().toString().substring(0, 8), OFFICERND_MEMBER,
                OFFICERND_OFFICE);
        long t = Instant.now().getEpochSecond();
        String mac = HexFormat.of().formatHex(Hmacs.hmacSha256(OFFICERND_SECRET, Hmacs.utf8(t + "."),
                webhook.getBytes(StandardCharsets.UTF_8)));

        // When OfficeRnD posts it, signed
        HttpResponse<String> response = post("/api/v1/webhooks/officernd/bookings", webhook,
                "officernd-signature", "t=" + t + ",v1=" + mac);

        // Then the member receives the confirmation for OfficeRnD's booking
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        MimeMessage mail = awaitOneMessageTo("ada.officernd@members.example");
        assertThat(mail.getSubject()).contains("Meeting room Babbage");
        assertThat(part(mail, "text/plain")).contains("6743a1f2c9e77a0012a4beef", "Deskpost Old Street");
    }

    @Test
    void aDirectoryImportedWithOpsCliNeedsNoHandSeedingBeforeItsMembersBook(@TempDir Path files) throws Exception {
        // Given an operator's exports of a location and two members the directory has never seen
        Path locations = Files.writeString(files.resolve("locations.json"), """
                [{"location_id": "LDN-CSV", "name": "Deskpost Spreadsheet Yard", "line1": "9 Import Row",
                  "city": "London", "postal_code": "E2 7DG", "country": "GB", "time_zone": "Europe/London",
                  "jurisdiction": "UK", "sender_mailbox": "csv-yard@deskpost.example",
                  "sender_name": "Deskpost Spreadsheet Yard", "staff_mailbox": "staff.csv-yard@deskpost.example"}]
                """);
        Path members = Files.writeString(files.resolve("members.csv"), """
                member_id,email,name,locale,location_ids
                M-CSV-1,rosa.csv@members.example,Rosa Import,en-GB,LDN-CSV
                M-CSV-2,theo.csv@members.example,Theo Import,en-GB,LDN-CSV
                """);
        String ingest = "http://localhost:" + stack.httpPort("ingest-service");
        // and a booking by one of them that the facility system posted even before the import
        assertThat(postBooking("B-CSV-0", "M-CSV-1").statusCode()).isEqualTo(202);

        // When they are imported with ops-cli (its default key is the development directory client's)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int locationsCode = OpsCli.run(printOut, printErr, "import-directory", "locations", locations.toString(),
                "--ingest-url", ingest);
        int membersCode = OpsCli.run(printOut, printErr, "import-directory", "members", members.toString(),
                "--ingest-url", ingest);

        // Then both are published
        assertThat(locationsCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(membersCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Published 1 locations", "Published 2 members");

        // And a booking by an imported member, posted at once (its composer may read it before its directory
        // has the member: it waits for the directory), is confirmed by mail
        HttpResponse<String> response = postBooking("B-CSV-1", "M-CSV-2");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        MimeMessage mail = awaitOneMessageTo("theo.csv@members.example");
        assertThat(mail.getSubject()).contains("Meeting room Hopper");
        assertThat(part(mail, "text/plain")).contains("B-CSV-1", "Deskpost Spreadsheet Yard");
        // and so is the one that came before its member and location: it waited for them
        assertThat(part(awaitOneMessageTo("rosa.csv@members.example"), "text/plain"))
                .contains("B-CSV-0", "Deskpost Spreadsheet Yard");
    }

    private static HttpResponse<String> postBooking(String bookingId, String memberId)
            throws IOException, InterruptedException {
        String booking = """
                {"header": {"event_id": "%s", "occurred_at": "2026-11-24T09:00:00Z", "source": "facility-crm",
                            "entity_version": 1, "location_id": {"string": "LDN-CSV"}, "correlation_id": "%s"},
                 "booking_id": "%s", "member_id": "%s",
                 "payload": {"com.deskpost.events.BookingCreated": {
                     "resource": {"resource_id": "R-HOPPER", "name": "Meeting room Hopper", "kind": "MEETING_ROOM"},
                     "starts_at": "2026-12-04T10:00:00Z", "ends_at": "2026-12-04T11:00:00Z"}}}
                """.formatted(UUID.randomUUID(), "csv-" + bookingId, bookingId, memberId);
        return post("/api/v1/events/facility.bookings", booking, "Authorization", "Bearer " + INGEST_KEY);
    }

    @Test
    void aMemberCreatedInOfficeRndIsConfirmedTheirFirstBookingWithNoHandSeeding() throws Exception {
        // Given OfficeRnD's office.created and member.created for an office and member the directory has never seen
        String office = """
                {"event": "6751c0de5a1b2c0012d4e201", "eventType": "office.created",
                 "data": {"object": {"_id": "%s", "name": "Deskpost Canal Side", "address": "40 Wharf Road",
                     "city": "London", "zip": "N1 7GR", "country": "GB", "timezone": "Europe/London", "isOpen": true,
                     "createdAt": "2026-11-21T12:00:00.000Z", "modifiedAt": "2026-11-21T12:00:00.000Z"}},
                 "createdAt": "2026-11-21T12:00:00.200Z"}
                """.formatted(SYNCED_OFFICE);
        String member = """
                {"event": "6751c0de5a1b2c0012d4e101", "eventType": "member.created",
                 "data": {"object": {"_id": "%s", "name": "Grace Hopper", "email": "grace.synced@members.example",
                     "office": "%s", "status": "active", "calculatedStatus": "active",
                     "createdAt": "2026-11-30T08:00:00.000Z", "modifiedAt": "2026-11-30T08:00:00.000Z"}},
                 "createdAt": "2026-11-30T08:00:00.450Z"}
                """.formatted(SYNCED_MEMBER, SYNCED_OFFICE);

        // When OfficeRnD posts them to its webhook, signed
        HttpResponse<String> officeCreated = post("/api/v1/webhooks/officernd", office, "officernd-signature",
                officeRndSignature(office));
        HttpResponse<String> memberCreated = post("/api/v1/webhooks/officernd", member, "officernd-signature",
                officeRndSignature(member));

        // Then they are published to the directories
        assertThat(officeCreated.statusCode()).as(officeCreated.body()).isEqualTo(202);
        assertThat(officeCreated.body()).contains("\"topic\":\"facility.locations\"");
        assertThat(memberCreated.statusCode()).as(memberCreated.body()).isEqualTo(202);
        assertThat(memberCreated.body()).contains("\"topic\":\"facility.members\"");
        // When the member's first booking arrives through OfficeRnD's booking.created webhook at once (one the
        // composer reads before its directory has the member waits for it: deskpost.directory.grace)
        String booking = """
                {"event": "6751c0de5a1b2c0012d4e401", "eventType": "booking.created",
                 "data": {"object": {"_id": "6751c0de5a1b2c0012d4b001",
                     "start": {"dateTime": "2026-12-07T10:00:00.000Z"}, "end": {"dateTime": "2026-12-07T11:00:00.000Z"},
                     "timezone": "Europe/London", "summary": "Meeting room Lamarr",
                     "resourceId": "6751c0de5a1b2c0012d4f001", "member": "%s", "office": "%s", "canceled": false,
                     "createdAt": "2026-12-01T09:00:00.000Z", "modifiedAt": "2026-12-01T09:00:00.000Z"}},
                 "createdAt": "2026-12-01T09:00:00.300Z"}
                """.formatted(SYNCED_MEMBER, SYNCED_OFFICE);
        HttpResponse<String> booked = post("/api/v1/webhooks/officernd", booking, "officernd-signature",
                officeRndSignature(booking));

        // Then the member OfficeRnD created receives the confirmation, about the office OfficeRnD created
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(202);
        MimeMessage mail = awaitOneMessageTo("grace.synced@members.example");
        assertThat(mail.getSubject()).contains("Meeting room Lamarr");
        assertThat(part(mail, "text/plain")).contains("6751c0de5a1b2c0012d4b001", "Deskpost Canal Side");
        assertThat(mail.getFrom()[0].toString()).contains("canal-side@deskpost.example");
    }

    /** OfficeRnD's {@code officernd-signature} of a body, signed now with the development webhook secret. */
    private static String officeRndSignature(String body) {
        long t = Instant.now().getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(Hmacs.hmacSha256(OFFICERND_SECRET, Hmacs.utf8(t + "."),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String path, String body, String header, String value)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + stack.httpPort("ingest-service") + path))
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static MimeMessage awaitOneMessageTo(String address) {
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(address).isEmpty());
        return stack.smtp().messagesTo(address).get(0);
    }
}
