package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.ContractorAccessGranted;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.Location;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.Member;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.credential.AccessCredentials;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Issue 26's leak test: a run of door-code, master-keycode, visitor and contractor events, some sealed at
 * the source by a facility system with Deskpost's public key and some sent in clear by one that does not
 * seal, one posted in clear to ingest over HTTP, plus a door code dead-lettered for a member the directory
 * does not know. Once every holder has its mail, every record of every topic (changelogs, retry and
 * dead-letter topics, internal topics), every row of every table of every database of the stack's
 * PostgreSQL and every log line of the run is searched for each code. A code is found only in its holder's mail at the SMTP server, and a code the facility sent in
 * clear to Kafka also on facility.access, where the facility itself wrote it (and which keeps it 3 days only);
 * one posted over HTTP not even there.
 */
class SealedCredentialsIT {

    private static final String DIRECTORY_GRACE = "3s";

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String APPROVER = "M-APPROVER";
    private static final Location LONDON = Location.newBuilder(SampleFacility.location("LDN-S", "Deskpost Sealed",
            "London", "GB", "Europe/London", "UK")).setApprovers(List.of(APPROVER)).build();
    private static final Member ADA = SampleFacility.member("M-ADA-S", "Ada", "ada.sealed@members.example", "en-GB",
            "LDN-S");
    private static final Member BOB = SampleFacility.member("M-BOB-S", "Bob", "bob.sealed@members.example", "en-GB",
            "LDN-S");
    private static final Member SAM = SampleFacility.staff("M-SAM-S", "Sam", "sam.sealed@staff.example", "LDN-S");

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static Level deskpostLevel;
    private static LocalStack stack;
    private static FacilityPublisher publisher;

    /** How a facility system handed a credential to Deskpost. */
    private enum Source { SEALED_BY_FACILITY, CLEAR_ON_KAFKA, CLEAR_OVER_HTTP }

    /** A credential of the run: who holds it, and how the facility system sent it. */
    private record Credential(String label, String code, Member holder, Source source) {

        byte[] bytes() {
            return code.getBytes(StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void start() {
        // Every log line of the run, services included (one JVM), Deskpost's own at DEBUG. Spring Boot would
        // reset the logging configuration (and drop this appender) as each service starts: not here.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger deskpost = logging.getLogger("com.deskpost");
        deskpostLevel = deskpost.getLevel();
        deskpost.setLevel(Level.DEBUG);
        LOGS.start();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(LOGS);

        // An event for a member the directory never gets is dead-lettered once the grace has passed: briefly here.
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared())
                .withServiceSettings("--deskpost.directory.grace=" + DIRECTORY_GRACE);
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        for (Member member : List.of(ADA, BOB, SAM)) {
            publisher.publish(Topics.FACILITY_MEMBERS, member.getMemberId(), member);
        }
        stack.startServices();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        stack.close();
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(LOGS);
        logging.getLogger("com.deskpost").setLevel(deskpostLevel);
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @Test
    void noCredentialIsReadableAnywhereButInItsHoldersMail() throws Exception {
        // Given Deskpost's published public key, as a sealing facility system has it
        CredentialSealer facilityKey = new CredentialSealer(
                stack.service("delivery-service").getBean(CredentialOpener.class).publicKeys());
        Credential adaDoor = new Credential("Ada's door code (sealed at source)", code("DC"), ADA,
                Source.SEALED_BY_FACILITY);
        Credential bobDoor = new Credential("Bob's door code (clear)", code("DC"), BOB, Source.CLEAR_ON_KAFKA);
        Credential samMaster = new Credential("Sam's master keycode (clear)", code("MK"), SAM, Source.CLEAR_ON_KAFKA);
        Credential bobVisitor = new Credential("Bob's visitor code (clear)", code("VC"), BOB, Source.CLEAR_ON_KAFKA);
        Credential adaContractor = new Credential("Ada's contractor code (sealed at source)", code("CC"), ADA,
                Source.SEALED_BY_FACILITY);
        Credential adaBikeStore = new Credential("Ada's bike-store code (clear, over HTTP)", code("BS"), ADA,
                Source.CLEAR_OVER_HTTP);
        Credential nobodysDoor = new Credential("the dead-lettered door code (clear)", code("DL"), null,
                Source.CLEAR_ON_KAFKA);
        List<Credential> delivered = List.of(adaDoor, bobDoor, samMaster, bobVisitor, adaContractor, adaBikeStore);

        // When the facility systems publish them
        publish(ADA, DoorCodeChanged.newBuilder().setDoorId("D1").setDoorName("Main entrance")
                .setNewCode(adaDoor.code()).setEffectiveFrom(Instant.now()).build(), facilityKey);
        publish(BOB, DoorCodeChanged.newBuilder().setDoorId("D2").setDoorName("Side entrance")
                .setNewCode(bobDoor.code()).setEffectiveFrom(Instant.now()).build(), null);
        AccessEvent reset = publish(SAM, MasterKeycodeReset.newBuilder().setNewKeycode(samMaster.code())
                .setResetBy(SAM.getMemberId()).setEffectiveFrom(Instant.now()).build(), null);
        publish(BOB, VisitorPreAuthorized.newBuilder().setVisitorName("Grace").setValidFrom(Instant.now())
                .setValidUntil(Instant.now().plusSeconds(3600)).setAccessCode(bobVisitor.code()).build(), null);
        publish(ADA, ContractorAccessGranted.newBuilder().setContractorName("Ivan").setCompany("Fixit Ltd")
                .setValidFrom(Instant.now()).setValidUntil(Instant.now().plusSeconds(7200))
                .setAccessCode(adaContractor.code()).build(), facilityKey);
        // a door code posted in clear to ingest over HTTP: sealed before it reaches Kafka
        HttpResponse<String> posted = postToIngest(ADA, "D3", "Bike store", adaBikeStore.code());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        // a door code for a member the directory does not know: dead-lettered
        AccessEvent unknown = SampleFacility.access("M-NOBODY-S", LONDON.getLocationId(), 1, DoorCodeChanged
                .newBuilder().setDoorId("D1").setDoorName("Main entrance").setNewCode(nobodysDoor.code())
                .setEffectiveFrom(Instant.now()).build());
        publisher.publish(Topics.FACILITY_ACCESS, unknown.getMemberId(), unknown);

        // And the master keycode reset, held by its gated_send floor, is approved by the location's approver
        String resetDraft = DraftIds.draftId(reset.getHeader().getEventId(), "access-master-keycode-reset",
                SAM.getEmail());
        await().atMost(WAIT).until(() -> auditTypes(stack, resetDraft).contains("HELD"));
        publisher.publish(Topics.MAIL_DECISIONS, resetDraft, stack.signedDecision(ApprovalDecision.newBuilder()
                .setDecisionId(UUID.randomUUID().toString()).setDraftId(resetDraft).setAction(DecisionAction.APPROVE)
                .setDecidedBy(APPROVER).setDecidedAt(Instant.now()).build()));

        // Then every holder receives its code, and every released mail (staff copies included) has been sent
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> delivered.stream().allMatch(c -> !messagesContaining(c).isEmpty())
                && allReleasedMailSent() && deadLettered(unknown.getMemberId()));
        for (Credential credential : delivered) {
            List<MimeMessage> mails = messagesContaining(credential);
            assertThat(mails).as("mails with %s", credential.label()).isNotEmpty();
            for (MimeMessage mail : mails) {
                assertThat(addressee(mail)).as("the mail with %s goes to its holder only", credential.label())
                        .isEqualTo(credential.holder().getEmail());
            }
        }
        assertThat(messagesContaining(nobodysDoor)).as("mails with %s", nobodysDoor.label()).isEmpty();
        assertThat(stack.smtp().messagesTo(LONDON.getStaffMailbox())).as("staff copies and notices were sent")
                .isNotEmpty();

        // And the codes are nowhere else: no record of any topic, no row of any table, no log line
        List<Credential> all = new ArrayList<>(delivered);
        all.add(nobodysDoor);
        List<StackContents.Place> topics = StackContents.topics(stack.clientProperties("admin"));
        List<StackContents.Place> rows = StackContents.databases(stack.deliveryDatabase());
        List<StackContents.Place> logs = StackContents.logs(List.copyOf(LOGS.list));
        assertThat(topics).anyMatch(p -> p.where().startsWith(Topics.FACILITY_ACCESS.deadLetterTopic() + "/"));
        // (Kafka's internal topics are read too: the transactions of every exactly-once writer)
        assertThat(topics).anyMatch(p -> p.where().startsWith("__transaction_state/"));
        assertThat(rows).anyMatch(p -> p.where().contains(".held_drafts "));
        // (the services' own lines are captured: delivery's sends among them)
        assertThat(logs).anyMatch(p -> new String(p.bytes(), StandardCharsets.UTF_8).contains(" sent to "));
        List<String> leaks = new ArrayList<>();
        for (Credential credential : all) {
            for (StackContents.Place place : concat(topics, rows, logs)) {
                if (place.contains(credential.bytes()) && !allowed(credential, place)) {
                    leaks.add(credential.label() + " is readable in " + place.kind() + " " + place.where());
                }
            }
            // (the scan reads what it should: a code sent in clear is found where the facility wrote it)
            boolean onFacilityTopic = topics.stream().anyMatch(p -> p.where().startsWith("facility.access/")
                    && p.contains(credential.bytes()));
            assertThat(onFacilityTopic).as("%s on facility.access", credential.label())
                    .isEqualTo(credential.source() == Source.CLEAR_ON_KAFKA);
        }
        assertThat(leaks).as("credential values found outside the holders' mail").isEmpty();
        // And facility.access, the one place a code sent in clear remains, keeps its records 3 days only
        assertThat(retention(Topics.FACILITY_ACCESS.name())).isEqualTo(Duration.ofDays(3));
        System.out.printf("Sealed credentials: %d codes (%d sealed at the source); none found in %d records of %d"
                + " topics, %d rows of %d tables (%d databases), %d log lines; %d mails sent, each code only in its"
                + " holder's%n", all.size(), all.stream().filter(c -> c.source() == Source.SEALED_BY_FACILITY).count(),
                StackContents.records(topics), distinct(topics, "/"), StackContents.rows(rows),
                distinct(rows, " row "), rows.stream().map(p -> p.where().substring(0, p.where().indexOf('.')))
                        .distinct().count(), logs.size(), stack.smtp().messages().size());
    }

    private static Duration retention(String topic) throws Exception {
        try (Admin admin = Admin.create(stack.clientProperties("admin"))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            return Duration.ofMillis(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()));
        }
    }

    /**
     * A clear code may be only where the facility itself wrote it: on facility.access, not even its .dlq; one
     * posted over HTTP not even there.
     */
    private static boolean allowed(Credential credential, StackContents.Place place) {
        return credential.source() == Source.CLEAR_ON_KAFKA && place.kind().equals("topic")
                && place.where().startsWith(Topics.FACILITY_ACCESS.name() + "/");
    }

    @SafeVarargs
    private static List<StackContents.Place> concat(List<StackContents.Place>... lists) {
        List<StackContents.Place> all = new ArrayList<>();
        for (List<StackContents.Place> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static long distinct(List<StackContents.Place> places, String until) {
        return places.stream().map(p -> p.where().substring(0, p.where().indexOf(until))).distinct().count();
    }

    /** A distinctive random code: nothing else in a run can hold it by chance. */
    private static String code(String kind) {
        SecureRandom random = new SecureRandom();
        return kind + "-" + (100_000 + random.nextInt(900_000)) + "-" + (100_000 + random.nextInt(900_000));
    }

    private static AccessEvent publish(Member about, Object payload, CredentialSealer sealedWith) {
        AccessEvent event = SampleFacility.access(about.getMemberId(), LONDON.getLocationId(), 1, payload);
        AccessEvent published = sealedWith == null ? event : AccessCredentials.sealed(event, sealedWith);
        publisher.publish(Topics.FACILITY_ACCESS, event.getMemberId(), published);
        return event;
    }

    /** As a facility system without Kafka posts it: Avro JSON, the dev client's key (ingest-service.yml). */
    private static HttpResponse<String> postToIngest(Member holder, String doorId, String doorName, String code)
            throws Exception {
        String event = """
                {"header": {"event_id": "%s", "occurred_at": "%s", "source": "facility-doors", "entity_version": 1,
                            "location_id": {"string": "%s"}, "correlation_id": "doors-1"},
                 "member_id": "%s",
                 "payload": {"com.deskpost.events.DoorCodeChanged": {"door_id": "%s", "door_name": "%s",
                     "new_code": "%s", "effective_from": "%s"}}}
                """.formatted(UUID.randomUUID(), Instant.now(), LONDON.getLocationId(), holder.getMemberId(), doorId,
                doorName, code, Instant.now());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + stack.httpPort("ingest-service")
                        + "/api/v1/events/" + Topics.FACILITY_ACCESS.name()))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.service("ingest-service").getEnvironment()
                        .getRequiredProperty("deskpost.ingest.clients[0].key"))
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean deadLettered(String key) throws Exception {
        return StackContents.topics(stack.clientProperties("admin")).stream()
                .filter(p -> p.where().startsWith(Topics.FACILITY_ACCESS.deadLetterTopic() + "/")
                        && p.where().endsWith(" key"))
                .anyMatch(p -> new String(p.bytes(), StandardCharsets.UTF_8).equals(key));
    }

    /** Every released mail of the location has been sent, and copied to staff when monitored (unless it is to staff). */
    private static boolean allReleasedMailSent() throws SQLException {
        var db = stack.auditDatabase();
        String pending = """
                select r.draft_id from audit_log r where r.type = 'RELEASED' and r.location_id = 'LDN-S'
                and (not exists (select 1 from audit_log s where s.draft_id = r.draft_id and s.type = 'SENT')
                  or (r.attributes like '%MONITORED%' and r.recipient <> ?
                      and not exists (select 1 from audit_log c where c.draft_id = r.draft_id and c.type = 'COPY_SENT')))
                """;
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                var query = connection.prepareStatement(pending)) {
            query.setString(1, LONDON.getStaffMailbox());
            try (ResultSet rows = query.executeQuery()) {
                return !rows.next() && released(connection);
            }
        }
    }

    private static boolean released(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(
                "select count(*) from audit_log where type = 'RELEASED' and location_id = 'LDN-S'")) {
            return rows.next() && rows.getLong(1) >= 6;
        }
    }

    private static String addressee(MimeMessage message) throws Exception {
        var to = message.getRecipients(Message.RecipientType.TO);
        assertThat(to).hasSize(1);
        return ((InternetAddress) to[0]).getAddress();
    }

    private static List<MimeMessage> messagesContaining(Credential credential) {
        return stack.smtp().messages().stream().filter(m -> everything(m).contains(credential.code())).toList();
    }

    /** Headers, subject and the decoded text and HTML parts of a message. */
    private static String everything(MimeMessage message) {
        try {
            StringBuilder all = new StringBuilder();
            Collections.list(message.getAllHeaderLines()).forEach(line -> all.append(line).append('\n'));
            all.append(message.getSubject()).append('\n');
            all.append(part(message, "text/plain")).append('\n').append(part(message, "text/html"));
            return all.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
