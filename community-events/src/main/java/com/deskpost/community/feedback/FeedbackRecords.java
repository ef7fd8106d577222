package com.deskpost.community.feedback;

import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.feedback.FeedbackReading;
import com.deskpost.platform.feedback.Finding;
import com.deskpost.platform.feedback.ReportKind;
import com.deskpost.platform.id.DraftIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link MailFeedback} per hard bounce, soft bounce and complaint of a reading; delays and everything else are
 * not feedback. The id is name-based on the report's Message-ID (else a digest of the report) and the recipient,
 * so a report received twice (a retrying MTA, a redrive) collapses into one. The return path is passed on as it
 * came: delivery verifies its signature, not this service.
 */
final class FeedbackRecords {

    private FeedbackRecords() {
    }

    static List<MailFeedback> of(FeedbackReading reading, String reportId, String returnPath, Instant receivedAt) {
        List<MailFeedback> records = new ArrayList<>();
        for (Finding finding : reading.findings()) {
            if (!finding.kind().isFeedback() || finding.recipient() == null) {
                continue;
            }
            String recipient = DraftIds.normaliseEmail(finding.recipient());
            records.add(MailFeedback.newBuilder()
                    .setFeedbackId(DraftIds.nameBased("mail-feedback", reportId, recipient))
                    .setReceivedAt(receivedAt)
                    .setKind(kind(finding.kind()))
                    .setRecipient(recipient)
                    .setReturnPath(returnPath)
                    .setMessageId(reading.originalMessageId())
                    .setStatus(finding.status())
                    .setDiagnostic(finding.diagnostic())
                    .setSource(reading.source())
                    .setReporter(reading.reporter())
                    .build());
        }
        return records;
    }

    private static FeedbackKind kind(ReportKind kind) {
        return switch (kind) {
            case HARD_BOUNCE -> FeedbackKind.HARD_BOUNCE;
            case SOFT_BOUNCE -> FeedbackKind.SOFT_BOUNCE;
            case COMPLAINT -> FeedbackKind.COMPLAINT;
            default -> throw new IllegalArgumentException(kind + " is not feedback");
        };
    }
}
