package com.deskpost.platform.feedback;

import java.util.List;

/**
 * A received mail read as a bounce or complaint report.
 *
 * @param kind the report's overall kind: the first finding's, else AUTO_REPLY, NOT_A_REPORT or UNPARSEABLE
 * @param findings one per recipient reported on (empty unless the mail is a report)
 * @param source how the report was written: "dsn" (RFC 3464), "arf" (RFC 5965), "mta-text" (an MTA's own words)
 * @param reporter the reporting MTA or provider when recognised ("postfix", "gmail", "microsoft365", ...); else null
 * @param reportMessageId the Message-ID of the report itself; null when it has none
 * @param originalMessageId the Message-ID of the message reported on, from the returned message or headers
 * @param originalReturnPath the Return-Path of the returned message (Deskpost's per-message address), when present
 * @param reason why the mail is UNPARSEABLE (or, for other kinds, a short note); null otherwise
 */
public record FeedbackReading(ReportKind kind, List<Finding> findings, String source, String reporter,
        String reportMessageId, String originalMessageId, String originalReturnPath, String reason) {

    public FeedbackReading {
        findings = List.copyOf(findings);
    }

    static FeedbackReading unparseable(String reason, String source, String reporter, String reportMessageId) {
        return new FeedbackReading(ReportKind.UNPARSEABLE, List.of(), source, reporter, reportMessageId, null, null,
                reason);
    }

    static FeedbackReading nothing(ReportKind kind, String reason, String reportMessageId) {
        return new FeedbackReading(kind, List.of(), null, null, reportMessageId, null, null, reason);
    }
}
