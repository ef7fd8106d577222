package com.deskpost.platform.feedback;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A complaint feedback report (ARF, RFC 5965): Feedback-Type abuse, fraud, virus or other is a complaint by the
 * recipient; not-spam and auth-failure are not. The recipient is Original-Rcpt-To; providers that leave it out
 * (Microsoft's JMRP, AOL-style redacted reports) are read from the returned message: Outlook.com's
 * X-HmXmrOriginalRecipient, else its To when it names exactly one address.
 */
final class ComplaintReports {

    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "virus", "other");
    private static final Set<String> NOT_COMPLAINTS = Set.of("not-spam", "auth-failure");

    private ComplaintReports() {
    }

    static FeedbackReading read(MimeEntity mail, String reportId) {
        String reporter = Reporters.recognise(mail);
        MimeEntity reportPart = FeedbackReader.part(mail, "message/feedback-report");
        if (reportPart == null) {
            return FeedbackReading.unparseable("a feedback-report without a message/feedback-report part "
                    + "(RFC 5965 2)", "arf", reporter, reportId);
        }
        Map<String, String> fields = new HashMap<>();
        for (Map<String, String> group : ReportFields.groups(reportPart.text())) {
            group.forEach(fields::putIfAbsent);
        }
        String type = fields.get("feedback-type");
        if (type == null || type.isBlank()) {
            return FeedbackReading.unparseable("the feedback report has no Feedback-Type (RFC 5965 3.1)", "arf",
                    reporter, reportId);
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        String[] original = FeedbackReader.original(mail, null);
        if (NOT_COMPLAINTS.contains(type)) {
            return new FeedbackReading(ReportKind.NOT_A_REPORT, List.of(), "arf", reporter, reportId, original[0],
                    original[1], "Feedback-Type " + type + " is not a complaint");
        }
        if (!COMPLAINTS.contains(type)) {
            return FeedbackReading.unparseable("Feedback-Type '" + type + "' is none of RFC 5965's (abuse, fraud, "
                    + "virus, other, not-spam, auth-failure)", "arf", reporter, reportId);
        }
        String recipient = recipient(fields, FeedbackReader.returnedMessage(mail));
        if (recipient == null) {
            return FeedbackReading.unparseable("the complaint names no recipient: no Original-Rcpt-To, and the "
                    + "returned message has no single To address", "arf", reporter, reportId);
        }
        String userAgent = fields.get("user-agent");
        String diagnostic = FeedbackReader.oneLine("Feedback-Type: " + type
                + (userAgent == null ? "" : " (" + userAgent + ")"));
        return new FeedbackReading(ReportKind.COMPLAINT,
                List.of(new Finding(ReportKind.COMPLAINT, recipient, null, diagnostic)), "arf", reporter, reportId,
                original[0], original[1], null);
    }

    private static String recipient(Map<String, String> fields, MimeEntity returned) {
        String recipient = FeedbackReader.address(fields.get("original-rcpt-to"));
        if (recipient != null || returned == null) {
            return recipient;
        }
        recipient = FeedbackReader.address(returned.header("X-HmXmrOriginalRecipient"));
        if (recipient != null) {
            return recipient;
        }
        String to = returned.header("To");
        return to == null || to.contains(",") ? null : FeedbackReader.address(to);
    }
}
