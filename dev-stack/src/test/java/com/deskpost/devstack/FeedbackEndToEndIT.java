package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.community.inbound.SmtpListener;
import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 end to end, through the whole stack: every mail leaves with a signed per-message return path on the bounce
 * domain; a bounce report (RFC 3464) sent back to it through community-events' SMTP listener tags the address
 * {@code hard_bounced} in delivery and the next mail to it is {@code SUPPRESSED}; a complaint (ARF, RFC 5965) stops
 * the next commercial mail while a booking confirmation still goes; a vacation reply changes nothing; a report sent
 * to a forged return path changes nothing and is kept, with its reason, on {@code mail.feedback.dlq}.
 */
class FeedbackEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String BOUNCE_DOMAIN = "bounce.deskpost.example";
    private static final Location NEW_YORK = SampleFacility.location("NYC-F", "Deskpost Feedback Flatiron",
            "New York", "US", "America/New_York", "US");

    private static LocalStack stack;
    private static FacilityPublisher publisher;

    @BeforeAll
    static void start() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        for (String id : List.of("M-BOUNCE", "M-COMPLAIN", "M-STAY", "M-AWAY", "M-FORGED")) {
            Member member = Member.newBuilder(SampleFacility.member(id, "Member " + id, email(id), "en-US",
                    NEW_YORK.getLocationId())).setTags(List.of("feedback")).build();
            publisher.publish(Topics.FACILITY_MEMBERS, id, member);
        }
        stack.startServices();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        stack.close();
    }

    @Test
    void aBounceReportToTheReturnPathSuppressesTheAddressForTheNextMail() throws Exception {
        // Given a booking confirmation delivered to the member, its envelope sender a signed return path
        MimeMessage first = confirmBooking("B-F1", "M-BOUNCE", 1);
        String returnPath = returnPath(first);
        assertThat(returnPath).startsWith("b-").endsWith("@" + BOUNCE_DOMAIN);

        // When the member's mail server bounces it, reporting to that return path (a DSN, 5.1.1)
        sendReport(returnPath, dsn(email("M-BOUNCE"), first.getMessageID(), "5.1.1",
                "smtp; 550 5.1.1 <" + email("M-BOUNCE") + ">: Recipient address rejected: User unknown"));

        // Then the address is tagged hard-bounced, and the bounced draft audited BOUNCED
        await().atMost(WAIT).until(() -> tagged(email("M-BOUNCE"), ConsentTag.HARD_BOUNCED));
        String firstDraft = draftIdOf(first);
        await().atMost(WAIT).until(() -> auditTypes(stack, firstDraft).contains("BOUNCED"));

        // And the next mail to it is suppressed, not sent
        BookingEvent next = booking("B-F2", "M-BOUNCE");
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-F2", next);
        String nextDraft = DraftIds.draftId(next.getHeader().getEventId(), "booking-confirmation", email("M-BOUNCE"));
        await().atMost(WAIT).until(() -> auditTypes(stack, nextDraft).contains("SUPPRESSED"));
        assertThat(stack.smtp().messagesTo(email("M-BOUNCE"))).hasSize(1);
    }

    @Test
    void aComplaintStopsTheNextCommercialMailWhileABookingConfirmationStillGoes() throws Exception {
        // Given an announcement both members received
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-F1", announcement("A-F1"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(email("M-COMPLAIN")).size() == 1
                && stack.smtp().messagesTo(email("M-STAY")).size() == 1);
        MimeMessage announced = stack.smtp().messagesTo(email("M-COMPLAIN")).get(0);

        // When the member marks it as spam and the mailbox provider sends a complaint report to its return path
        sendReport(returnPath(announced), arf(email("M-COMPLAIN"), announced.getMessageID()));

        // Then the address is tagged complained and the announcement audited COMPLAINED
        await().atMost(WAIT).until(() -> tagged(email("M-COMPLAIN"), ConsentTag.COMPLAINED));
        await().atMost(WAIT).until(() -> auditTypes(stack, draftIdOf(announced)).contains("COMPLAINED"));

        // When the next announcement goes out
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-F2", announcement("A-F2"));

        // Then the member who stayed receives it and the one who complained does not
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(email("M-STAY")).size() == 2);
        assertThat(stack.smtp().messagesTo(email("M-COMPLAIN"))).extracting(StackQueries::subject)
                .noneMatch(subject -> subject.contains("A-F2"));
        // But a booking confirmation still reaches the member who complained (the default setting)
        MimeMessage confirmation = confirmBooking("B-F3", "M-COMPLAIN", 2);
        assertThat(confirmation.getSubject()).contains("Deskpost Feedback Flatiron");
    }

    @Test
    void aVacationReplyChangesNothingAndAReportToAForgedReturnPathIsKeptWithItsReason() throws Exception {
        // Given mails delivered to two members
        MimeMessage away = confirmBooking("B-F4", "M-AWAY", 1);
        confirmBooking("B-F5", "M-FORGED", 1);
        long deadLettersBefore = count("mail.feedback.dlq");

        // When one member's mailbox answers with an out-of-office reply to the return path
        sendReport(returnPath(away), vacation(email("M-AWAY"), away.getMessageID()));
        // and someone sends a bounce for the other member to a return path Deskpost never signed
        String forged = "b-" + UUID.randomUUID().toString().replace("-", "") + "-aaaaaaaaaaaaaaaa@" + BOUNCE_DOMAIN;
        sendReport(forged, dsn(email("M-FORGED"), "<forged@members.example>", "5.1.1", "smtp; 550 5.1.1 no such user"));

        // Then the forged report is kept on mail.feedback.dlq (with its reason) and changes nothing
        await().atMost(WAIT).until(() -> count("mail.feedback.dlq") > deadLettersBefore);
        assertThat(tagged(email("M-FORGED"), ConsentTag.HARD_BOUNCED)).isFalse();
        // and the next mails to both members are delivered
        confirmBooking("B-F6", "M-AWAY", 2);
        confirmBooking("B-F7", "M-FORGED", 2);
        assertThat(tagged(email("M-AWAY"), ConsentTag.HARD_BOUNCED)).isFalse();
        assertThat(tagged(email("M-AWAY"), ConsentTag.COMPLAINED)).isFalse();
    }

    private static MimeMessage confirmBooking(String bookingId, String memberId, int nth) {
        publisher.publish(Topics.FACILITY_BOOKINGS, bookingId, booking(bookingId, memberId));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(email(memberId)).size() >= nth);
        return stack.smtp().messagesTo(email(memberId)).get(nth - 1);
    }

    private static BookingEvent booking(String bookingId, String memberId) {
        Instant start = Instant.parse("2027-03-02T15:00:00Z");
        return SampleFacility.created(bookingId, memberId, NEW_YORK.getLocationId(),
                SampleFacility.room("R-" + bookingId, "Room " + bookingId, ResourceKind.MEETING_ROOM),
                start, start.plus(Duration.ofHours(1)));
    }

    private static CommunityEvent announcement(String id) {
        return CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(null, 1, Instant.now()))
                .setPayload(AnnouncementRequested.newBuilder().setAnnouncementId(id)
                        .setLocationIds(List.of(NEW_YORK.getLocationId())).setMemberTags(List.of("feedback"))
                        .setKind(AnnouncementKind.COMMUNITY).setSubject("Rooftop yoga " + id)
                        .setBodyText("Join us on Thursday at 8:00.").setRequestedBy("M-STAFF").build())
                .build();
    }

    /** The envelope sender the SMTP server received the message with (GreenMail records it as Return-Path). */
    private static String returnPath(MimeMessage mail) throws Exception {
        String header = mail.getHeader("Return-Path", null);
        assertThat(header).as("Return-Path").isNotNull();
        return header.replace("<", "").replace(">", "").strip();
    }

    private static String draftIdOf(MimeMessage mail) throws Exception {
        String id = mail.getMessageID();
        return id.substring(1, id.indexOf('@'));
    }

    private static String email(String memberId) {
        return memberId.toLowerCase() + "@members.example";
    }

    /** A delivery status notification (RFC 3464) as a receiving MTA (here Postfix-like) writes it. */
    private static String dsn(String recipient, String originalMessageId, String status, String diagnostic) {
        return """
                From: MAILER-DAEMON@mx.members.example (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%2$s@mx.members.example>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"

                --dsn-boundary
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not be delivered.

                --dsn-boundary
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.members.example
                Arrival-Date: Fri, 4 Dec 2026 10:00:00 +0000

                Final-Recipient: rfc822; %3$s
                Original-Recipient: rfc822;%3$s
                Action: failed
                Status: %4$s
                Diagnostic-Code: %5$s

                --dsn-boundary
                Content-Type: text/rfc822-headers

                Message-ID: %6$s
                To: %3$s
                Subject: Your booking

                --dsn-boundary--
                """.formatted("{to}", UUID.randomUUID(), recipient, status, diagnostic, originalMessageId);
    }

    /** A complaint feedback report (ARF, RFC 5965) as a mailbox provider sends it. */
    private static String arf(String recipient, String originalMessageId) {
        return """
                From: feedbackloop@mailbox.example
                To: {to}
                Subject: FW: complaint about a message from Deskpost
                Message-ID: <%1$s@mailbox.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary"

                --arf-boundary
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received on Fri, 4 Dec 2026.

                --arf-boundary
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: MailboxFBL/1.0
                Version: 1
                Original-Rcpt-To: %2$s
                Arrival-Date: Fri, 4 Dec 2026 10:00:00 +0000

                --arf-boundary
                Content-Type: text/rfc822-headers

                Message-ID: %3$s
                To: %2$s
                Subject: Rooftop yoga

                --arf-boundary--
                """.formatted(UUID.randomUUID(), recipient, originalMessageId);
    }

    /** An out-of-office reply (RFC 3834): a person's mailbox, not a report. */
    private static String vacation(String from, String originalMessageId) {
        return """
                From: %1$s
                To: {to}
                Subject: Out of office: Your booking
                Message-ID: <%2$s@members.example>
                In-Reply-To: %3$s
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                I am away until Monday with limited access to mail.
                """.formatted(from, UUID.randomUUID(), originalMessageId);
    }

    /** Sends a raw report, as the remote MTA would, to the address it names, through the inbound SMTP listener. */
    private static void sendReport(String to, String raw) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(stack.service("community-events").getBean(SmtpListener.class).port()));
        smtp.put("mail.smtp.from", "MAILER-DAEMON@mx.members.example");
        Session session = Session.getInstance(smtp);
        String text = raw.replace("{to}", to).replace("\n", "\r\n");
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))) {
            @Override
            protected void updateMessageID() {
                // keep the report's own Message-ID
            }
        };
        Transport.send(message, new InternetAddress[] {new InternetAddress(to)});
    }

    /** Whether delivery's consent store has the tag present for the address. */
    private static boolean tagged(String email, String tag) throws Exception {
        var db = stack.deliveryDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from consent_tags where email = ? and tag = ? and present")) {
            query.setString(1, email);
            query.setString(2, tag);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** Records on a topic (a dead-letter topic whose values need not decode). */
    private static long count(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(java.util.Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
