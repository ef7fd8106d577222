package com.deskpost.platform;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.MailThread;
import com.deskpost.events.Recipient;
import java.time.Instant;
import java.util.List;

/** Small drafts for platform tests. */
public final class TestDrafts {

    private TestDrafts() {
    }

    public static EmailDraft draft(String draftId, List<String> secrets) {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        return EmailDraft.newBuilder()
                .setDraftId(draftId)
                .setHeader(EventHeader.newBuilder().setEventId("e-" + draftId).setOccurredAt(at).setSource("test")
                        .setEntityVersion(1).setLocationId("LDN-1").setCorrelationId("corr-" + draftId).build())
                .setEventType("door_code_changed")
                .setTemplate("door-code")
                .setCategory(EmailCategory.SECURITY)
                .setRecipient(Recipient.newBuilder().setEmail("ada@example.com").build())
                .setLocationId("LDN-1")
                .setSubject("Your new door code")
                .setBodyText("Code: " + String.join(",", secrets))
                .setBodyHtml("<p>Code</p>")
                .setSupersedeKey("door:D-1")
                .setEntityVersion(1)
                .setRequestedBy("access-composer")
                .setThread(MailThread.newBuilder().setThreadKey("door:D-1").build())
                .setSecrets(secrets)
                .setCreatedAt(at)
                .build();
    }
}
