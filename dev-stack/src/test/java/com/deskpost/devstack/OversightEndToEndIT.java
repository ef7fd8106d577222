package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditColumn;
import static com.deskpost.devstack.StackQueries.auditTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.OversightMode;
import com.deskpost.events.ResourceKind;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.ops.OpsCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gated mail through the whole stack: an after-hours override notice is held by the oversight
 * floor; a decision naming the approver but without proof, and a signed one by someone who is not
 * an approver, are refused and audited; the approver's decision made with {@code ops-cli decide}
 * releases it and the member receives it.
 */
class OversightEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Location LONDON = Location.newBuilder(SampleFacility.location("LDN-G", "Deskpost Gated",
            "London", "GB", "Europe/London", "UK")).setApprovers(List.of("M-STAFF")).build();

    private static LocalStack stack;

    @TempDir
    Path keyDir;
    private static FacilityPublisher publisher;

    @BeforeAll
    static void start() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LONDON.getLocationId(), LONDON);
        publisher.publish(Topics.FACILITY_MEMBERS, "M-ADA", SampleFacility.member("M-ADA", "Ada",
                "ada.override@members.example", "en-GB", LONDON.getLocationId()));
        publisher.publish(Topics.FACILITY_MEMBERS, "M-BEA", SampleFacility.member("M-BEA", "Bea",
                "bea.requested@members.example", "en-GB", LONDON.getLocationId()));
        stack.startServices();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        stack.close();
    }

    @Test
    void anAfterHoursOverrideIsHeldUntilAnApproverDecidesAndOnlyThenDelivered() throws Exception {
        // Given an after-hours override notice, whose event type has a gated_send floor
        EmailDraft draft = overrideNotice("ada.override@members.example");
        publisher.publish(Topics.MAIL_DRAFTS, draft.getSupersedeKey(), draft);
        await().atMost(WAIT).until(() -> auditTypes(stack, draft.getDraftId()).contains("HELD"));
        assertThat(stack.smtp().messagesTo("ada.override@members.example")).isEmpty();

        // When anyone able to write mail.decisions approves it in the approver's name, without proof
        publisher.publish(Topics.MAIL_DECISIONS, draft.getDraftId(), decision(draft, "M-STAFF"));
        // Then the decision is refused and audited with the reason, and nothing is sent
        await().atMost(WAIT).until(() -> auditColumn(stack, "detail", draft.getDraftId(), "DECISION_REFUSED").stream()
                .anyMatch(detail -> detail.contains("INVALID_PROOF") && detail.contains("no proof")));
        assertThat(stack.smtp().messagesTo("ada.override@members.example")).isEmpty();

        // When a member who is not an approver of the location decides, with a valid proof
        publisher.publish(Topics.MAIL_DECISIONS, draft.getDraftId(), stack.signedDecision(decision(draft, "M-ALAN")));
        // Then the decision is refused by the rules and audited, and nothing is sent
        await().atMost(WAIT).until(() -> auditColumn(stack, "detail", draft.getDraftId(), "DECISION_REFUSED").stream()
                .anyMatch(detail -> detail.contains("NOT_AN_APPROVER")));
        assertThat(stack.smtp().messagesTo("ada.override@members.example")).isEmpty();

        // When the location's approver approves it with ops-cli decide
        Path key = Files.writeString(keyDir.resolve("decision.key"), stack.service("oversight-service")
                .getEnvironment().getRequiredProperty("deskpost.oversight.decision-keys[0].secret"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "decide", "--draft", draft.getDraftId(),
                "--action", "approve", "--as", "M-STAFF", "--key-id", "ops-cli", "--key-file", key.toString(),
                "--bootstrap-servers", stack.bootstrapServers(), "--registry", stack.registryUrl());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("published decision", "approve of draft "
                + draft.getDraftId() + " as M-STAFF, signed with key ops-cli", "mail.decisions");

        // Then the member receives it, once, and the trail shows who approved it
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("ada.override@members.example").size() == 1);
        await().atMost(WAIT).until(() -> auditTypes(stack, draft.getDraftId()).containsAll(
                List.of("HELD", "DECISION_REFUSED", "APPROVED", "RELEASED", "SENT")));
        assertThat(auditColumn(stack, "actor", draft.getDraftId(), "APPROVED").get(0)).isEqualTo("M-STAFF");
        assertThat(auditColumn(stack, "actor", draft.getDraftId(), "DECISION_REFUSED")).contains("M-ALAN");
    }

    @Test
    void aFacilityEventAskingForGatedSendIsHeldWhileTheSameEventWithoutTheRequestIsSent() throws Exception {
        // Given two bookings by the same member at a monitored location, one whose event asks for gated_send
        String member = "bea.requested@members.example";
        BookingEvent asking = booking("B-ASK-" + UUID.randomUUID());
        asking.getHeader().setRequestedMode(OversightMode.GATED_SEND);
        BookingEvent plain = booking("B-PLAIN-" + UUID.randomUUID());

        // When the facility system publishes both
        publisher.publish(Topics.FACILITY_BOOKINGS, asking.getBookingId(), asking);
        publisher.publish(Topics.FACILITY_BOOKINGS, plain.getBookingId(), plain);

        // Then the asking one's confirmation is held, saying why, and the other is sent
        String held = DraftIds.draftId(asking.getHeader().getEventId(), "booking-confirmation", member);
        String sent = DraftIds.draftId(plain.getHeader().getEventId(), "booking-confirmation", member);
        await().atMost(WAIT).until(() -> auditTypes(stack, sent).contains("SENT")
                && auditTypes(stack, held).contains("HELD"));
        assertThat(auditColumn(stack, "detail", held, "HELD").get(0))
                .contains("requested gated_send by the facility event -> gated_send");
        assertThat(auditTypes(stack, held)).doesNotContain("RELEASED", "SENT");
        assertThat(stack.smtp().messagesTo(member)).extracting(mail -> mail.getHeader("Message-ID", null))
                .anyMatch(id -> id.contains(sent)).noneMatch(id -> id.contains(held));
    }

    private static BookingEvent booking(String bookingId) {
        Instant start = Instant.now().plus(Duration.ofDays(2));
        return SampleFacility.created(bookingId, "M-BEA", LONDON.getLocationId(),
                SampleFacility.room("R-" + bookingId, "Room " + bookingId, ResourceKind.MEETING_ROOM), start,
                start.plus(Duration.ofHours(1)));
    }

    private static EmailDraft overrideNotice(String to) {
        String id = UUID.randomUUID().toString();
        return EmailDraft.newBuilder()
                .setDraftId(id)
                .setHeader(SampleFacility.header(LONDON.getLocationId(), 1, Instant.now()))
                .setEventType("after_hours_override")
                .setTemplate("after-hours-override")
                .setCategory(EmailCategory.SECURITY)
                .setRecipient(Recipient.newBuilder().setEmail(to).setName("Ada").setMemberId("M-ADA")
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
                .setAboutMemberId("M-ADA")
                .build();
    }

    private static ApprovalDecision decision(EmailDraft draft, String who) {
        return ApprovalDecision.newBuilder().setDecisionId(UUID.randomUUID().toString()).setDraftId(draft.getDraftId())
                .setAction(DecisionAction.APPROVE).setDecidedBy(who).setDecidedAt(Instant.now()).build();
    }

}
