package com.deskpost.delivery.feedback;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testfixtures.LocationBuilder;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, synchronous replies, on real components (the SMTP server refusing chosen recipients permanently): a
 * {@code 550 5.1.1} suppresses the address like a hard bounce; a {@code 554 5.7.1} does not blame the address and
 * alerts the location's staff instead.
 */
class SmtpReplyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NYC = "NYC-1";
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId(NYC).setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructureWithRefusals();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NYC, NEW_YORK);
        stack.startService();
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void aRecipientProblemAtSendSuppressesTheAddress() {
        // Given a relay that answers RCPT for an address with 550 5.1.1
        String address = "nosuchuser@example.com";
        stack.smtp().refusePermanently(address, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
        int refusedBefore = stack.smtp().permanentRefusals();

        // When a mail to it is released
        EmailDraft first = mail(address);
        release(first);

        // Then it is FAILED, and the address is tagged hard_bounced from the relay's reply
        await().atMost(WAIT).until(() -> audited(first, "FAILED").isPresent());
        assertThat(stack.smtp().permanentRefusals()).isGreaterThan(refusedBefore);
        assertThat(audited(first, "FAILED").orElseThrow().getAttributes()).containsEntry("refusal", "address");
        await().atMost(WAIT).until(() -> tags(address).contains("hard_bounced"));
        await().atMost(WAIT).until(() -> audited(first, "BOUNCED").isPresent());
        assertThat(audited(first, "BOUNCED").orElseThrow().getAttributes()).containsEntry("source", "smtp-reply")
                .containsEntry("status", "5.1.1");

        // When the next mail to it is released
        EmailDraft next = mail(address);
        release(next);

        // Then it is suppressed without trying the relay again
        int refusedAfterFirst = stack.smtp().permanentRefusals();
        await().atMost(WAIT).until(() -> audited(next, "SUPPRESSED").isPresent());
        assertThat(stack.smtp().permanentRefusals()).isEqualTo(refusedAfterFirst);
    }

    @Test
    void aPolicyRefusalDoesNotBlameTheAddressAndAlertsStaff() {
        // Given a relay that refuses mail to an address as spam (a content or policy judgement)
        String address = "strictfilter@example.com";
        stack.smtp().refusePermanently(address, "554 5.7.1 Message rejected: content judged as spam");

        // When an ordinary (not critical) mail to it is released
        EmailDraft draft = mail(address);
        release(draft);

        // Then it is FAILED as a policy refusal, the address is not suppressed
        await().atMost(WAIT).until(() -> audited(draft, "FAILED").isPresent());
        assertThat(audited(draft, "FAILED").orElseThrow().getAttributes()).containsEntry("refusal", "policy");
        // and the location's staff are alerted, once, naming the masked address and the reason
        await().atMost(WAIT).until(() -> alertsAbout(draft.getDraftId()).size() == 1);
        assertThat(text(alertsAbout(draft.getDraftId()).get(0))).contains("5.7.1", "s***@example.com",
                "policy or content reason").doesNotContain(address);
        assertThat(tags(address)).isEmpty();
        assertThat(audited(draft, "BOUNCED")).isEmpty();
    }

    private static EmailDraft mail(String to) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(NYC)
                        .category(EmailCategory.TRANSACTIONAL).to(to, "Member").subject("Booked").build())
                .setSupersedeKey("reply:" + UUID.randomUUID()).setEntityVersion(1).build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Lane.of(draft).outbound(), draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static Optional<AuditEvent> audited(EmailDraft draft, String type) {
        return stack.audited(draft.getDraftId()).stream().filter(e -> e.getType().name().equals(type)).findFirst();
    }

    private static List<String> tags(String address) {
        return stack.jdbc().queryForList("select tag from consent_tags where email = ? and present", String.class,
                address);
    }

    private static List<MimeMessage> alertsAbout(String draftId) {
        return stack.smtp().messagesTo(LocationBuilder.STAFF).stream().filter(m -> text(m).contains(draftId)).toList();
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder text = new StringBuilder(message.getSubject()).append('\n');
                for (int i = 0; i < multipart.getCount(); i++) {
                    text.append(multipart.getBodyPart(i).getContent()).append('\n');
                }
                return text.toString();
            }
            return message.getSubject() + "\n" + content;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
