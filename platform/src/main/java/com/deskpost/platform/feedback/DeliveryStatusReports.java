package com.deskpost.platform.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A delivery status notification (RFC 3464) read per recipient: Final-Recipient (else Original-Recipient), Action,
 * Status (else one inferred from Diagnostic-Code), Diagnostic-Code. Action failed is a bounce, hard when the
 * address is to blame; delayed is not a failure; delivered, relayed and expanded are no failures at all.
 */
final class DeliveryStatusReports {

    private DeliveryStatusReports() {
    }

    static FeedbackReading read(MimeEntity mail, String reportId) {
        String reporter = Reporters.recognise(mail);
        MimeEntity statusPart = FeedbackReader.part(mail, "message/delivery-status", "message/global-delivery-status");
        if (statusPart == null) {
            return FeedbackReading.unparseable("a delivery-status report without a message/delivery-status part "
                    + "(RFC 3464 2)", "dsn", reporter, reportId);
        }
        List<Map<String, String>> groups = ReportFields.groups(statusPart.text());
        List<Map<String, String>> recipients = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, String> group = groups.get(i);
            // The first group holds per-message fields; some MTAs leave it out and start with a recipient.
            if (i > 0 || group.containsKey("final-recipient") || group.containsKey("action")) {
                recipients.add(group);
            }
        }
        if (recipients.isEmpty()) {
            return FeedbackReading.unparseable("the delivery-status part has no per-recipient fields "
                    + "(Final-Recipient, Action, Status: RFC 3464 2.3)", "dsn", reporter, reportId);
        }
        List<Finding> findings = new ArrayList<>();
        for (Map<String, String> fields : recipients) {
            String recipient = FeedbackReader.address(fields.get("final-recipient"));
            if (recipient == null) {
                recipient = FeedbackReader.address(fields.get("original-recipient"));
            }
            if (recipient == null) {
                return FeedbackReading.unparseable("a per-recipient group names no Final-Recipient address "
                        + "(RFC 3464 2.3.2)", "dsn", reporter, reportId);
            }
            String action = fields.get("action");
            if (action == null) {
                return FeedbackReading.unparseable("the group for " + recipient + " has no Action (RFC 3464 2.3.3)",
                        "dsn", reporter, reportId);
            }
            String diagnostic = FeedbackReader.oneLine(ReportFields.untyped(fields.get("diagnostic-code")));
            EnhancedStatus status = status(fields.get("status"), diagnostic);
            String statusText = status == null ? null : status.toString();
            switch (action.strip().toLowerCase(Locale.ROOT)) {
                case "failed" -> findings.add(new Finding(FeedbackReader.failure(status), recipient, statusText,
                        diagnostic));
                case "delayed" -> findings.add(new Finding(ReportKind.DELAYED, recipient, statusText, diagnostic));
                case "delivered", "relayed", "expanded" -> {
                    // a success: nothing to report for this recipient
                }
                default -> {
                    return FeedbackReading.unparseable("the group for " + recipient + " has Action '" + action
                            + "', not failed, delayed, delivered, relayed or expanded (RFC 3464 2.3.3)", "dsn",
                            reporter, reportId);
                }
            }
        }
        String[] original = FeedbackReader.original(mail, null);
        if (findings.isEmpty()) {
            return new FeedbackReading(ReportKind.NOT_A_REPORT, findings, "dsn", reporter, reportId, original[0],
                    original[1], "a DSN of successful delivery");
        }
        // Failures first: a DSN mixing a delayed and a failed recipient is a bounce report.
        findings.sort((a, b) -> Boolean.compare(a.kind() == ReportKind.DELAYED, b.kind() == ReportKind.DELAYED));
        return new FeedbackReading(findings.get(0).kind(), findings, "dsn", reporter, reportId, original[0],
                original[1], null);
    }

    /** The Status field when it is a code; refined (x.0.0) or replaced by what the diagnostic says. */
    private static EnhancedStatus status(String field, String diagnostic) {
        EnhancedStatus stated = field == null ? null : EnhancedStatus.find(field).orElse(null);
        if (stated != null && (stated.subject() != 0 || stated.detail() != 0)) {
            return stated;
        }
        EnhancedStatus inferred = EnhancedStatus.infer(diagnostic).orElse(null);
        if (stated == null) {
            return inferred;
        }
        return inferred == null ? stated
                : new EnhancedStatus(stated.statusClass(), inferred.subject(), inferred.detail());
    }
}
