package com.deskpost.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.TestDrafts;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventsTest {

    private final EmailDraft draft = TestDrafts.draft("d-1", List.of("4711"));

    @Test
    void theSameTransitionOfTheSameDraftHasTheSameIdSoReplaysCollapse() {
        AuditEvent first = AuditEvents.of(draft, AuditType.RELEASED, "policy").build();
        AuditEvent again = AuditEvents.of(draft, AuditType.RELEASED, "policy").build();

        assertThat(again.getAuditId()).isEqualTo(first.getAuditId());
        assertThat(AuditEvents.of(draft, AuditType.SENT, "delivery").build().getAuditId())
                .isNotEqualTo(first.getAuditId());
    }

    @Test
    void aNewCauseIsANewTransition() {
        AuditEvent one = AuditEvents.of(draft, AuditType.SKIPPED_DUPLICATE, "delivery").cause("mail.outbound-0@7").build();
        AuditEvent two = AuditEvents.of(draft, AuditType.SKIPPED_DUPLICATE, "delivery").cause("mail.outbound-0@9").build();

        assertThat(two.getAuditId()).isNotEqualTo(one.getAuditId());
    }

    @Test
    void credentialValuesNeverReachTheAuditEvent() {
        AuditEvent event = AuditEvents.of(draft, AuditType.FAILED, "delivery")
                .detail("SMTP refused mail containing 4711")
                .attribute("excerpt", "Code: 4711")
                .build();

        assertThat(event.toString()).doesNotContain("4711");
        assertThat(event.getDetail()).isEqualTo("SMTP refused mail containing " + Secrets.MASK);
    }

    @Test
    void carriesWhatAuditQueriesNeed() {
        AuditEvent event = AuditEvents.of(draft, AuditType.DRAFTED, "access-composer").build();

        assertThat(event.getRecipient()).isEqualTo("ada@example.com");
        assertThat(event.getThreadKey()).isEqualTo("door:D-1");
        assertThat(event.getCorrelationId()).isEqualTo("corr-d-1");
        assertThat(event.getLocationId()).isEqualTo("LDN-1");
        assertThat(event.getAttributes()).containsEntry("template", "door-code").containsEntry("category", "SECURITY");
    }

    @Test
    void everyEventRecordsWhyItsRecipientReceivesTheMail() {
        EmailDraft toSponsor = EmailDraft.newBuilder(draft).setRecipient(Recipient.newBuilder(draft.getRecipient())
                .setRole(RecipientRole.SPONSOR).build()).build();

        assertThat(AuditEvents.of(toSponsor, AuditType.DRAFTED, "access-composer").build().getAttributes())
                .containsEntry("recipient_role", "SPONSOR");
        assertThat(AuditEvents.of(toSponsor, AuditType.SENT, "delivery").build().getAttributes())
                .containsEntry("recipient_role", "SPONSOR");
        // The staff copy goes to staff, whoever the draft is to
        assertThat(AuditEvents.of(toSponsor, AuditType.COPY_SENT, "delivery").recipient("staff@ldn.example").build()
                .getAttributes()).containsEntry("recipient_role", "STAFF");
        assertThat(AuditEvents.of(toSponsor, AuditType.SUPPRESSED, "delivery").recipientRole(RecipientRole.STAFF)
                .build().getAttributes()).containsEntry("recipient_role", "STAFF");
        for (RecipientRole role : List.of(RecipientRole.VISITOR, RecipientRole.CONTRACTOR)) {
            EmailDraft toThem = EmailDraft.newBuilder(draft).setRecipient(Recipient.newBuilder(draft.getRecipient())
                    .setRole(role).build()).build();
            assertThat(AuditEvents.of(toThem, AuditType.SENT, "delivery").build().getAttributes())
                    .containsEntry("recipient_role", role.name());
        }
    }
}
