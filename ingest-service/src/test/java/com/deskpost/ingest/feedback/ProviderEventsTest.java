package com.deskpost.ingest.feedback;

import static com.deskpost.ingest.feedback.ProviderCalls.DRAFT;
import static com.deskpost.ingest.feedback.ProviderCalls.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each provider's documented events as mail.feedback, from fixtures written from their documentation. */
class ProviderEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RECEIVED = Instant.parse("2026-12-06T02:00:00Z");
    private static final String MESSAGE_ID = "<" + DRAFT + "@mail.deskpost.example>";

    @Test
    void sesPermanentBounceIsHardAndNamesTheDraftFromTheOriginalMessageId() {
        List<MailFeedback> feedback = SesNotifications.map(fixture("ses-bounce-permanent.json"), RECEIVED);

        assertThat(feedback).singleElement().satisfies(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
            assertThat(f.getRecipient()).isEqualTo("ada.lovelace@example.com");
            assertThat(f.getMessageId()).isEqualTo(MESSAGE_ID);
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
            assertThat(f.getStatus()).isEqualTo("5.1.1");
            assertThat(f.getDiagnostic()).contains("User unknown");
            assertThat(f.getSource()).isEqualTo("ses");
            assertThat(f.getReporter()).isEqualTo("ses");
            assertThat(f.getReceivedAt()).isEqualTo(RECEIVED);
        });
        // The same report mapped again has the same feedback id: a redelivery collapses
        assertThat(SesNotifications.map(fixture("ses-bounce-permanent.json"), RECEIVED.plusSeconds(60)).get(0)
                .getFeedbackId()).isEqualTo(feedback.get(0).getFeedbackId());
    }

    @Test
    void sesTransientBounceIsSoftPerRecipientAndAStaffCopyNamesItsDraft() {
        List<MailFeedback> feedback = SesNotifications.map(fixture("ses-bounce-transient.json"), RECEIVED);

        assertThat(feedback).extracting(MailFeedback::getRecipient).containsExactly("grace@example.org",
                "alan@example.org");
        assertThat(feedback).allSatisfy(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.SOFT_BOUNCE);
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
            assertThat(f.getMessageId()).isEqualTo("<" + DRAFT + ".copy@mail.deskpost.example>");
            assertThat(f.getStatus()).isEqualTo("4.2.2");
        });
        assertThat(feedback.get(1).getDiagnostic()).isEqualTo("Transient / MailboxFull");
        assertThat(feedback.get(0).getFeedbackId()).isNotEqualTo(feedback.get(1).getFeedbackId());
    }

    @Test
    void sesComplaintIsAComplaintAndDeliveryIsNothing() {
        assertThat(SesNotifications.map(fixture("ses-complaint.json"), RECEIVED)).singleElement().satisfies(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.COMPLAINT);
            assertThat(f.getStatus()).isNull();
            assertThat(f.getDiagnostic()).isEqualTo("complaint: abuse");
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
        });
        assertThat(SesNotifications.map(fixture("ses-delivery.json"), RECEIVED)).isEmpty();
        assertThatThrownBy(() -> SesNotifications.map("{\"notificationType\":\"Bounce\",\"mail\":{}}", RECEIVED))
                .isInstanceOfSatisfying(WebhookRefused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(WebhookRefused.Reason.MALFORMED);
                    assertThat(refused.getMessage()).contains("$.Message.bounce");
                });
    }

    @Test
    void postmarkHardBounceAndSpamComplaint() {
        JsonNode bounce = JSON.readTree(fixture("postmark-hard-bounce.json"));
        assertThat(PostmarkEvents.map(bounce, RECEIVED)).hasValueSatisfying(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
            assertThat(f.getRecipient()).isEqualTo("ada.lovelace@example.com");
            assertThat(f.getMessageId()).isEqualTo(MESSAGE_ID);
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
            assertThat(f.getStatus()).isEqualTo("5.1.1");
            assertThat(f.getSource()).isEqualTo("postmark");
        });
        assertThat(PostmarkEvents.id(bounce)).isEqualTo("Bounce:4323372036854775807");

        JsonNode complaint = JSON.readTree(fixture("postmark-spam-complaint.json"));
        assertThat(PostmarkEvents.map(complaint, RECEIVED)).hasValueSatisfying(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.COMPLAINT);
            assertThat(f.getMessageId()).isNull();
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
        });
        assertThat(PostmarkEvents.map(JSON.readTree(fixture("postmark-delivery.json")), RECEIVED)).isEmpty();
        assertThat(PostmarkEvents.map(JSON.readTree(fixture("postmark-hard-bounce.json")
                .replace("\"HardBounce\"", "\"AutoResponder\"")), RECEIVED)).isEmpty();
        assertThat(PostmarkEvents.map(JSON.readTree(fixture("postmark-hard-bounce.json")
                .replace("\"HardBounce\"", "\"SoftBounce\"")), RECEIVED).orElseThrow().getKind())
                .isEqualTo(FeedbackKind.SOFT_BOUNCE);
    }

    @Test
    void sendGridBounceBlockedSpamReportAndDropped() {
        List<MailFeedback> mapped = SendGridEvents.map(JSON.readTree(fixture("sendgrid-events.json")), RECEIVED);

        assertThat(mapped).hasSize(6);
        assertThat(mapped.get(0)).satisfies(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
            assertThat(f.getRecipient()).isEqualTo("ada.lovelace@example.com");
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
            assertThat(f.getMessageId()).isEqualTo(MESSAGE_ID);
            assertThat(f.getStatus()).isEqualTo("5.1.1");
            assertThat(f.getSource()).isEqualTo("sendgrid");
        });
        assertThat(mapped.get(1).getKind()).isEqualTo(FeedbackKind.SOFT_BOUNCE);
        assertThat(mapped.get(2).getKind()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(mapped.get(3)).as("delivered is no feedback").isNull();
        assertThat(mapped.get(4).getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
        assertThat(mapped.get(5)).as("dropped because unsubscribed is no feedback").isNull();
        assertThatThrownBy(() -> SendGridEvents.map(JSON.readTree("{\"event\":\"bounce\"}"), RECEIVED))
                .hasMessageContaining("JSON array");
    }

    @Test
    void mailgunPermanentFailureAndComplaint() {
        JsonNode failed = JSON.readTree(ProviderCalls.mailgun("mailgun-failed-permanent.json", "k", 1L, "t"));
        assertThat(MailgunEvents.map(failed, RECEIVED)).hasValueSatisfying(f -> {
            assertThat(f.getKind()).isEqualTo(FeedbackKind.HARD_BOUNCE);
            assertThat(f.getRecipient()).isEqualTo("ada.lovelace@example.com");
            assertThat(f.getMessageId()).isEqualTo(MESSAGE_ID);
            assertThat(f.getDraftId()).isEqualTo(DRAFT);
            assertThat(f.getStatus()).isEqualTo("5.1.1");
            assertThat(f.getDiagnostic()).contains("does not exist");
            assertThat(f.getSource()).isEqualTo("mailgun");
        });
        assertThat(MailgunEvents.map(JSON.readTree(ProviderCalls.mailgun("mailgun-failed-permanent.json", "k", 1L,
                "t").replace("\"permanent\"", "\"temporary\"")), RECEIVED).orElseThrow().getKind())
                .isEqualTo(FeedbackKind.SOFT_BOUNCE);
        assertThat(MailgunEvents.map(JSON.readTree(ProviderCalls.mailgun("mailgun-complained.json", "k", 1L, "t")),
                RECEIVED).orElseThrow().getKind()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(MailgunEvents.map(JSON.readTree(ProviderCalls.mailgun("mailgun-delivered.json", "k", 1L, "t")),
                RECEIVED)).isEmpty();
    }

    @Test
    void onlyDeskpostMessageIdsNameADraft() {
        assertThat(DeskpostMessageIds.draftId("<" + DRAFT + "@mail.example>")).hasValue(DRAFT);
        assertThat(DeskpostMessageIds.draftId(DRAFT + ".copy@mail.example")).hasValue(DRAFT);
        assertThat(DeskpostMessageIds.draftId("<14c5d75ce93.dfd.64b469@ismtpd-555>")).isEmpty();
        assertThat(DeskpostMessageIds.draftId("<1-1-1-1-1@mail.example>")).isEmpty();
        assertThat(DeskpostMessageIds.draftId(null)).isEmpty();
        assertThat(DeskpostMessageIds.bracketed(" abc@x ")).isEqualTo("<abc@x>");
    }
}
