package com.deskpost.platform.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one way a draft is published: on its category's lane, keyed per recipient within its entity, with its DRAFTED audit. */
class DraftPublicationTest {

    private final EmailDraft draft = TestDrafts.draft("d-1", List.of("4711"));

    @ParameterizedTest
    @CsvSource({"SECURITY, mail.drafts.priority", "TRANSACTIONAL, mail.drafts", "COMMERCIAL, mail.drafts.bulk"})
    void theLaneFollowsTheCategory(EmailCategory category, String lane) {
        // Given a draft of that category
        EmailDraft ofCategory = EmailDraft.newBuilder(draft).setCategory(category).build();

        // When it is published
        List<Emit<?>> emits = DraftPublication.of(ofCategory, "some-composer").emits();

        // Then it goes to that category's lane, whoever drafted it
        assertThat(emits.get(0).topic().name()).isEqualTo(lane);
        assertThat(DraftPublication.of(ofCategory, "some-composer").topic().name()).isEqualTo(lane);
    }

    @Test
    void theDraftIsKeyedPerRecipientWithinItsEntityAndFollowedByItsAuditKeyedByDraftId() {
        List<Emit<?>> emits = DraftPublication.of(draft, "access-composer").detail("Composed door-code").emits();

        assertThat(emits).hasSize(2);
        assertThat(emits.get(0).key()).isEqualTo(DraftKeys.of("door:D-1", "ada@example.com")).startsWith("door:D-1/");
        assertThat(emits.get(0).value()).isEqualTo(draft);
        assertThat(emits.get(0).refusal()).isNull();
        assertThat(emits.get(1).topic()).isEqualTo(Topics.MAIL_AUDIT);
        assertThat(emits.get(1).key()).isEqualTo("d-1");
        assertThat(emits.get(1).value()).isInstanceOf(AuditEvent.class);
    }

    @Test
    void theAuditNamesTheDrafterAtTheDraftsCreationWithDetailAndAttributesMasked() {
        // Given a draft carrying a credential, drafted by an agent with a requested mode
        DraftPublication publication = DraftPublication.of(draft, "agent:ops-bot")
                .detail("Drafted with code 4711")
                .attribute("requested_mode", "gated_send");

        // When its audit event is built
        AuditEvent drafted = (AuditEvent) publication.emits().get(1).value();

        // Then it is the DRAFTED transition of that draft, by that identity, at the draft's creation
        assertThat(drafted.getType()).isEqualTo(AuditType.DRAFTED);
        assertThat(drafted.getDraftId()).isEqualTo("d-1");
        assertThat(drafted.getActor()).isEqualTo("agent:ops-bot");
        assertThat(drafted.getOccurredAt()).isEqualTo(draft.getCreatedAt());
        assertThat(drafted.getRecipient()).isEqualTo("ada@example.com");
        assertThat(drafted.getDetail()).isEqualTo("Drafted with code " + Secrets.MASK);
        assertThat(drafted.getAttributes()).containsEntry("requested_mode", "gated_send")
                .containsEntry("category", "SECURITY").containsEntry("template", "door-code");
        // and the same publication always yields the same event (replays collapse in the audit store)
        assertThat(publication.drafted()).isEqualTo(drafted);
    }

    @Test
    void withoutDetailTheAuditHasNone() {
        assertThat(DraftPublication.of(draft, "booking-composer").drafted().getDetail()).isNull();
    }
}
