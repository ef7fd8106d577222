package com.deskpost.audit.testdata;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.schemas.ContractClasses;
import java.time.Instant;
import java.util.Map;

/** The n-th SENT audit event of a series, every field set and distinct per n. */
public final class AuditEventBuilder {

    static {
        ContractClasses.trust();
    }

    private AuditEventBuilder() {
    }

    public static AuditEvent.Builder anAuditEvent(int n) {
        return AuditEvent.newBuilder()
                .setAuditId("audit-" + n)
                .setDraftId("draft-" + n)
                .setType(AuditType.SENT)
                // Millisecond precision on purpose: the hash covers epoch milliseconds.
                .setOccurredAt(Instant.parse("2025-03-03T09:00:00.123Z").plusSeconds(n))
                .setActor("delivery-service")
                .setRecipient("member" + n + "@example.com")
                .setLocationId("LDN-1")
                .setThreadKey("booking:B-" + n)
                .setCorrelationId("corr-" + n)
                .setMessageId("<draft-" + n + "@shoreditch.deskpost.example>")
                .setDetail("Accepted by SMTP server")
                .setAttributes(Map.of("template", "booking-confirmation", "category", "TRANSACTIONAL",
                        "mode", "MONITORED"));
    }
}
