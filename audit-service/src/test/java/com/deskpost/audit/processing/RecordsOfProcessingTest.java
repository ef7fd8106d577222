package com.deskpost.audit.processing;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.audit.chain.ChainHash;
import com.deskpost.events.AuditType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which entry of the records of processing a row is recorded under: its audit type's, its event type's, its
 * category's default, or the unclassified entry; settings override the defaults field by field, and an entry the
 * register could not show stops the service.
 */
class RecordsOfProcessingTest {

    private static final RecordsOfProcessing DEFAULTS = new RecordsOfProcessing(ProcessingProperties.defaults());

    @Test
    void eachCommunicationTypeHasTheBasisItsMailNeeds() {
        assertThat(basis("booking_created", "TRANSACTIONAL")).isEqualTo(LawfulBasis.CONTRACT);
        assertThat(basis("invoice_issued", "TRANSACTIONAL")).isEqualTo(LawfulBasis.CONTRACT);
        assertThat(basis("inquiry_reply", "TRANSACTIONAL")).isEqualTo(LawfulBasis.CONTRACT);
        assertThat(basis("unsubscribe_confirmation", "TRANSACTIONAL")).isEqualTo(LawfulBasis.LEGAL_OBLIGATION);
        assertThat(basis("keycard_provisioned", "SECURITY")).isEqualTo(LawfulBasis.CONTRACT);
        assertThat(basis("keycard_revoked", "SECURITY")).isEqualTo(LawfulBasis.LEGITIMATE_INTERESTS);
        assertThat(basis("visitor_pre_authorized", "SECURITY")).isEqualTo(LawfulBasis.LEGITIMATE_INTERESTS);
        assertThat(basis("community_announcement", "COMMERCIAL")).isEqualTo(LawfulBasis.CONSENT);
        assertThat(DEFAULTS.activityOf("DRAFTED", "inquiry_reply", "TRANSACTIONAL").processing().dataSubjects())
                .containsExactly("prospects");
        assertThat(DEFAULTS.activityOf("DRAFTED", "contractor_access_granted", "SECURITY").processing()
                .dataSubjects()).contains("contractors", "members", "staff");
    }

    @Test
    void anUnknownEventTypeTakesItsCategorysDefault() {
        RecordsOfProcessing.Activity activity = DEFAULTS.activityOf("SENT", "desk_survey", "COMMERCIAL");

        assertThat(activity.id()).isEqualTo("category:COMMERCIAL");
        assertThat(activity.processing().lawfulBasis()).isEqualTo(LawfulBasis.CONSENT);
        assertThat(DEFAULTS.activityOf("SENT", "door_alarm", "SECURITY").processing().lawfulBasis())
                .isEqualTo(LawfulBasis.LEGITIMATE_INTERESTS);
    }

    @Test
    void rowsAboutNoMailHaveTheirOwnEntryEvenWhenTheyNameAnEventType() {
        // An agent's call names the event type of the mail it asked for; what is processed is the call's record
        assertThat(DEFAULTS.activityOf("AGENT_CALL", "booking_created", "TRANSACTIONAL").id())
                .isEqualTo("audit:AGENT_CALL");
        assertThat(DEFAULTS.activityOf("SENDER_PAUSED", null, null).id()).isEqualTo("audit:SENDER_PAUSED");
        assertThat(DEFAULTS.activityOf("BOUNCED", null, "COMMERCIAL").id()).isEqualTo("audit:BOUNCED");
        // A staff alert names neither an event type nor a category
        assertThat(DEFAULTS.activityOf("COPY_SENT", null, null).id()).isEqualTo("unclassified");
        assertThat(DEFAULTS.activityOf("UNKNOWN", null, "NEW_CATEGORY").id()).isEqualTo("unclassified");
    }

    @Test
    void anAuditEventIsStampedWithItsActivityBasisAndPurpose() {
        ChainHash.Processing recorded = DEFAULTS.of(anAuditEvent(1).setType(AuditType.SENT)
                .setAttributes(Map.of("event_type", "booking_created", "category", "TRANSACTIONAL")).build());

        assertThat(recorded.activity()).isEqualTo("event:booking_created");
        assertThat(recorded.lawfulBasis()).isEqualTo("CONTRACT");
        assertThat(recorded.purpose()).isEqualTo("Confirming, changing and reminding of the member's bookings");
    }

    @Test
    void aSettingOverridesOnlyTheFieldsItNamesWhateverTheSpellingOfItsKey() {
        // Given "booking_reminder" as Spring binds a map key written without brackets: "bookingreminder"
        ProcessingProperties settings = new ProcessingProperties("Deskpost Ltd, dpo@example.com",
                Map.of("security", new ProcessingActivity(null, "Keeping the building safe", null, null, null)),
                Map.of("bookingreminder", new ProcessingActivity(LawfulBasis.LEGITIMATE_INTERESTS, null, null,
                        null, null), "desk_feedback", new ProcessingActivity(LawfulBasis.CONSENT,
                        "Asking members about their desk", "Opt-in survey", List.of("members"), List.of("email"))),
                null, null, null, null, null, null, null);
        RecordsOfProcessing records = new RecordsOfProcessing(settings);

        // When
        ProcessingActivity reminder = records.activityOf("SENT", "booking_reminder", "TRANSACTIONAL").processing();
        ProcessingActivity security = records.activityOf("SENT", "door_alarm", "SECURITY").processing();

        // Then the basis changed, its purpose stayed, and the old basis's reason did not survive the change
        assertThat(records.activityOf("SENT", "booking_reminder", "TRANSACTIONAL").id())
                .isEqualTo("event:booking_reminder");
        assertThat(reminder.lawfulBasis()).isEqualTo(LawfulBasis.LEGITIMATE_INTERESTS);
        assertThat(reminder.purpose()).isEqualTo("Confirming, changing and reminding of the member's bookings");
        assertThat(reminder.whyThisBasis()).isNull();
        assertThat(security.lawfulBasis()).isEqualTo(LawfulBasis.LEGITIMATE_INTERESTS);
        assertThat(security.purpose()).isEqualTo("Keeping the building safe");
        assertThat(security.whyThisBasis()).startsWith("Legitimate interest in the security of the premises");
        assertThat(records.activityOf("SENT", "desk_feedback", "COMMERCIAL").id()).isEqualTo("event:desk_feedback");
        assertThat(records.activities()).extracting(RecordsOfProcessing.Activity::id)
                .contains("event:booking_reminder", "event:desk_feedback", "category:SECURITY", "audit:AGENT_CALL")
                .doesNotContain("event:bookingreminder").endsWith("unclassified");
    }

    @Test
    void anEntryWithoutBasisOrPurposeOrANameThatIsNoCategoryStopsTheService() {
        assertThatThrownBy(() -> new ProcessingProperties(null, null, Map.of("desk_feedback",
                new ProcessingActivity(null, "Asking members about their desk", null, null, null)),
                null, null, null, null, null, null, null))
                .hasMessageContaining("deskpost.processing.event-types.desk_feedback needs a lawful-basis");
        assertThatThrownBy(() -> new ProcessingProperties(null, Map.of("MARKETING",
                new ProcessingActivity(LawfulBasis.CONSENT, "x", null, null, null)),
                null, null, null, null, null, null, null, null))
                .hasMessageContaining("deskpost.processing.categories.MARKETING names no category");
        assertThatThrownBy(() -> new ProcessingProperties(null, null, null, Map.of("AGENT_CALLS",
                new ProcessingActivity(LawfulBasis.CONSENT, "x", null, null, null)),
                null, null, null, null, null, null))
                .hasMessageContaining("names no audit type");
    }

    private static LawfulBasis basis(String eventType, String category) {
        RecordsOfProcessing.Activity activity = DEFAULTS.activityOf("SENT", eventType, category);
        assertThat(activity.id()).isEqualTo("event:" + eventType);
        return activity.processing().lawfulBasis();
    }
}
