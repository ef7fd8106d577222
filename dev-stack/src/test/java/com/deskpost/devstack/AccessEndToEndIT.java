package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditColumn;
import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.ContractorAccessGranted;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.events.Location;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.Member;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Access mail through the whole stack: a master keycode reset is held by the oversight floor,
 * approved, and delivered to its holder alone; and across a run of credential events (door codes,
 * visitor and contractor codes, a refused reset, an event for an unknown member) every log line,
 * audit row, staff copy, approval preview, database row and dead letter is searched for the
 * generated codes, which appear only in the mail of the person each belongs to.
 */
class AccessEndToEndIT {

    private static final String DIRECTORY_GRACE = "3s";

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String APPROVER = "M-APPROVER";
    private static final Location LONDON = Location.newBuilder(SampleFacility.location("LDN-A", "Deskpost Access",
            "London", "GB", "Europe/London", "UK")).setApprovers(List.of(APPROVER)).build();
    private static final Location BERLIN = SampleFacility.location("BER-A", "Deskpost Access Berlin", "Berlin", "DE",
            "Europe/Berlin", "EU");
    private static final Member ADA = SampleFacility.member("M-ADA", "Ada", "ada.access@members.example", "en-GB",
            "LDN-A");
    private static final Member BOB = SampleFacility.member("M-BOB", "Bob", "bob.access@members.example", "en-GB",
            "LDN-A");
    private static final Member EVE = SampleFacility.member("M-EVE", "Eve", "eve.access@members.example", "de-DE",
            "BER-A");
    private static final Member SAM = SampleFacility.staff("M-SAM", "Sam", "sam.keyholder@staff.example", "LDN-A");

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static Level deskpostLevel;
    private static LocalStack stack;
    private static FacilityPublisher publisher;

    @BeforeAll
    static void start() {
        // Every log line of the run, services included (one JVM), with Deskpost's own at DEBUG. Spring Boot
        // would reset the logging configuration (and drop this appender) as each service starts: not here.
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
        publisher.publish(Topics.FACILITY_LOCATIONS, BERLIN.getLocationId(), BERLIN);
        for (Member member : List.of(ADA, BOB, EVE, SAM)) {
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
    void aMasterKeycodeResetIsHeldApprovedAndDeliveredToItsHolderAlone() throws Exception {
        // Given the master keycode of London is reset, with Sam (staff there) as its holder
        String code = "MK-7391-2046";
        AccessEvent reset = SampleFacility.access(SAM.getMemberId(), "LDN-A", 1, MasterKeycodeReset.newBuilder()
                .setNewKeycode(code).setResetBy(SAM.getMemberId()).setEffectiveFrom(Instant.now()).build());
        publisher.publish(Topics.FACILITY_ACCESS, reset.getMemberId(), reset);
        String draftId = DraftIds.draftId(reset.getHeader().getEventId(), "access-master-keycode-reset",
                SAM.getEmail());

        // Then it is held by the gated_send floor, and nobody has it
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId).contains("HELD"));
        assertThat(messagesContaining(code)).isEmpty();

        // When the location's approver approves it
        publisher.publish(Topics.MAIL_DECISIONS, draftId, approval(draftId));

        // Then Sam receives it, once, with the code; nobody else receives it, or any mail with the code
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId).contains("SENT"));
        List<MimeMessage> withCode = messagesContaining(code);
        assertThat(withCode).hasSize(1);
        assertThat(addressee(withCode.get(0))).isEqualTo(SAM.getEmail());
        assertThat(auditTypes(stack, draftId)).containsSubsequence("DRAFTED", "HELD", "APPROVED", "RELEASED", "SENT")
                .doesNotContain("COPY_SENT");
        assertThat(auditColumn(stack, "actor", draftId, "APPROVED")).containsExactly(APPROVER);
        assertThat(auditColumn(stack, "recipient", draftId, "SENT")).containsExactly(SAM.getEmail());
    }

    @Test
    void theCredentialsOfARunAppearOnlyInTheMailOfThePersonEachBelongsTo() throws Exception {
        // Given a run of access events carrying credentials, and an incident at London
        Map<String, String> holderOf = Map.of(
                "DC-4821-7730", ADA.getEmail(), "VC-5512-0987", BOB.getEmail(), "CC-3300-1188", ADA.getEmail(),
                "MK-6060-4242", SAM.getEmail());
        List<String> nobodys = List.of("DC-9999-0001", "MK-1234-5678");
        publish(ADA, DoorCodeChanged.newBuilder().setDoorId("D1").setDoorName("Main entrance")
                .setNewCode("DC-4821-7730").setEffectiveFrom(Instant.now()).build());
        publish(BOB, VisitorPreAuthorized.newBuilder().setVisitorName("Grace").setValidFrom(Instant.now())
                .setValidUntil(Instant.now().plusSeconds(3600)).setAccessCode("VC-5512-0987").build());
        publish(ADA, ContractorAccessGranted.newBuilder().setContractorName("Ivan").setCompany("Fixit Ltd")
                .setValidFrom(Instant.now()).setValidUntil(Instant.now().plusSeconds(7200))
                .setAccessCode("CC-3300-1188").build());
        AccessEvent reset = publish(SAM, MasterKeycodeReset.newBuilder().setNewKeycode("MK-6060-4242")
                .setResetBy(SAM.getMemberId()).setEffectiveFrom(Instant.now()).build());
        // a door code for a member the directory does not know, and a master keycode naming a member as holder
        AccessEvent unknown = SampleFacility.access("M-NOBODY", "LDN-A", 1, DoorCodeChanged.newBuilder()
                .setDoorId("D1").setDoorName("Main entrance").setNewCode("DC-9999-0001").setEffectiveFrom(Instant.now())
                .build());
        publisher.publish(Topics.FACILITY_ACCESS, unknown.getMemberId(), unknown);
        AccessEvent refused = publish(BOB, MasterKeycodeReset.newBuilder().setNewKeycode("MK-1234-5678")
                .setResetBy(SAM.getMemberId()).setEffectiveFrom(Instant.now()).build());
        AccessEvent incident = publish(SAM, BuildingIncident.newBuilder().setIncidentId("INC-A1")
                .setSeverity(IncidentSeverity.WARNING).setSummary("Lift out of service")
                .setDetails("Use the stairs on the east side.").build());
        // The reset is held by its gated_send floor and approved; the incident notices go at once (monitored)
        String resetDraft = DraftIds.draftId(reset.getHeader().getEventId(), "access-master-keycode-reset",
                SAM.getEmail());
        await().atMost(WAIT).until(() -> auditTypes(stack, resetDraft).contains("HELD"));
        publisher.publish(Topics.MAIL_DECISIONS, resetDraft, approval(resetDraft));
        String incidentToAda = DraftIds.draftId(incident.getHeader().getEventId(), "access-building-incident",
                ADA.getEmail());
        String refusedDraft = DraftIds.draftId(refused.getHeader().getEventId(), "access-master-keycode-reset",
                BOB.getEmail());

        // When everything released has been sent, with its staff copy where monitored
        await().atMost(WAIT).until(() -> auditTypes(stack, resetDraft).contains("SENT")
                && auditTypes(stack, refusedDraft).contains("DEAD_LETTERED") && incidentRecipients().size() == 4
                && holderOf.keySet().stream().noneMatch(code -> messagesContaining(code).isEmpty())
                && allReleasedMailSent());
        assertThat(incidentRecipients()).containsExactlyInAnyOrder(ADA.getEmail(), BOB.getEmail(), SAM.getEmail(),
                LONDON.getStaffMailbox());
        assertThat(auditTypes(stack, incidentToAda)).contains("RELEASED", "SENT").doesNotContain("HELD");

        // Then each code is in its holder's mail, and in no other mail
        for (var entry : holderOf.entrySet()) {
            assertThat(messagesContaining(entry.getKey())).as(entry.getKey())
                    .allSatisfy(m -> assertThat(addressee(m)).isEqualTo(entry.getValue()))
                    .isNotEmpty();
        }
        List<String> codes = new ArrayList<>(holderOf.keySet());
        codes.addAll(nobodys);
        for (String code : nobodys) {
            assertThat(messagesContaining(code)).as(code).isEmpty();
        }
        // in no log line
        List<String> logLines = logLines();
        // (the services' own lines are captured: the composer's refusal and delivery's sends among them)
        assertThat(logLines).anyMatch(line -> line.contains("Refused a record composed"))
                .anyMatch(line -> line.contains(" sent to "));
        assertFound(codes, logLines, "log line");
        // in no row of any service's database, audit rows and approval previews included
        List<String> deliveryRows = rows(stack.deliveryDatabase());
        List<String> oversightRows = rows(stack.oversightDatabase());
        List<String> auditRows = rows(stack.auditDatabase());
        assertThat(auditRows).anyMatch(row -> row.contains("DEAD_LETTERED"));
        assertFound(codes, deliveryRows, "delivery database row");
        assertFound(codes, oversightRows, "oversight database row");
        assertFound(codes, auditRows, "audit database row");
        // and in no record of the audit, approval, version and dead-letter topics
        List<String> records = records(topic -> topic.equals(Topics.MAIL_AUDIT.name())
                || topic.equals(Topics.MAIL_APPROVALS.name()) || topic.equals(Topics.MAIL_ENTITY_VERSIONS.name())
                || topic.endsWith(".dlq"));
        assertThat(records).anyMatch(record -> record.contains("facility.access"))
                .anyMatch(record -> record.contains("Refused by the access policy"));
        assertFound(codes, records, "topic record");
        System.out.printf("Credential scan: %d codes; none in %d log lines, %d + %d database rows or %d topic records;"
                + " of %d mails, only their holders' carry them%n", codes.size(), logLines.size(), deliveryRows.size(),
                oversightRows.size(), records.size(), stack.smtp().messages().size());
    }

    private static AccessEvent publish(Member about, Object payload) {
        AccessEvent event = SampleFacility.access(about.getMemberId(), "LDN-A", 1, payload);
        publisher.publish(Topics.FACILITY_ACCESS, event.getMemberId(), event);
        return event;
    }

    private static ApprovalDecision approval(String draftId) {
        return stack.signedDecision(ApprovalDecision.newBuilder().setDecisionId(UUID.randomUUID().toString())
                .setDraftId(draftId).setAction(DecisionAction.APPROVE).setDecidedBy(APPROVER).setDecidedAt(Instant.now())
                .build());
    }

    private static void assertFound(List<String> codes, List<String> haystack, String what) {
        for (String code : codes) {
            assertThat(haystack.stream().filter(line -> line.contains(code)).toList())
                    .as("%s found in a %s", code, what).isEmpty();
        }
    }

    /** Every released mail of the location has been sent, and copied to staff when monitored (unless it is to staff). */
    private static boolean allReleasedMailSent() throws SQLException {
        List<String> pending = query(stack.auditDatabase(), """
                select r.draft_id from audit_log r where r.type = 'RELEASED' and r.location_id = 'LDN-A'
                and (not exists (select 1 from audit_log s where s.draft_id = r.draft_id and s.type = 'SENT')
                  or (r.attributes like '%MONITORED%' and r.recipient <> 'STAFF_MAILBOX'
                      and not exists (select 1 from audit_log c where c.draft_id = r.draft_id and c.type = 'COPY_SENT')))
                """.replace("STAFF_MAILBOX", LONDON.getStaffMailbox()));
        return pending.isEmpty() && !query(stack.auditDatabase(),
                "select draft_id from audit_log where type = 'RELEASED' and location_id = 'LDN-A'").isEmpty();
    }

    private static List<String> incidentRecipients() throws SQLException {
        return query(stack.auditDatabase(), "select recipient from audit_log where type = 'SENT'"
                + " and thread_key = 'incident:INC-A1'");
    }

    /** The one address a mail was sent to (a draft has exactly one recipient). */
    private static String addressee(MimeMessage message) throws MessagingException {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        assertThat(to).hasSize(1);
        return ((InternetAddress) to[0]).getAddress();
    }

    private static List<MimeMessage> messagesContaining(String code) {
        return stack.smtp().messages().stream().filter(m -> everything(m).contains(code)).toList();
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

    private static List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(LOGS.list)) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage()).append(event.getMDCPropertyMap());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Every row of every table of the database, as PostgreSQL prints it. */
    private static List<String> rows(Postgres.Database db) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : query(db, "select table_name from information_schema.tables where table_schema = 'public'")) {
            // The oversight queue keeps each held draft's bytes to release them as composed: that is the mail itself.
            String columns = table.equals("held_drafts") ? "row_to_json(t)::jsonb - 'draft'" : "row_to_json(t)";
            rows.addAll(query(db, "select (" + columns + ")::text from " + table + " t"));
        }
        return rows;
    }

    private static List<String> query(Postgres.Database db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    /** Every record (key, value bytes and headers) of the matching topics, committed or not. */
    private static List<String> records(java.util.function.Predicate<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().values().stream().flatMap(List::stream)
                    .filter(info -> topics.test(info.topic()))
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> out = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder(record.topic()).append(' ')
                            .append(latin1(record.key())).append(' ').append(latin1(record.value()));
                    for (Header header : record.headers()) {
                        text.append(' ').append(header.key()).append('=').append(latin1(header.value()));
                    }
                    out.add(text.toString());
                }
            }
            return out;
        }
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
