package com.deskpost.platform.feedback;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a received mail (raw RFC 5322 bytes) as a bounce or complaint report, per recipient. Standard reports are
 * read by their fields: a delivery status notification (multipart/report; report-type=delivery-status, RFC 3464)
 * and a complaint feedback report (report-type=feedback-report, ARF, RFC 5965). The plain-text bounces of MTAs and
 * providers that send no DSN (qmail's QSBMF, older Exim and Sendmail, Exchange/Microsoft 365 NDRs, Gmail, Yahoo)
 * are read by their known wording. A DSN with Action: delayed is not a failure; vacation and out-of-office replies
 * (RFC 3834) change nothing; what cannot be read comes back UNPARSEABLE with the reason, never as "not a report".
 * Plain Java, no mail library: delivery and community-events both use it.
 */
public final class FeedbackReader {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern INLINE_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^<>\\s]+>)");
    private static final Pattern INLINE_RETURN_PATH = Pattern.compile("(?im)^Return-Path:\\s*<([^<>\\s]+)>");

    private FeedbackReader() {
    }

    /** Reads one received mail; never throws for bad input, which comes back UNPARSEABLE with the reason. */
    public static FeedbackReading read(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return FeedbackReading.unparseable("the mail is empty", null, null, null);
        }
        MimeEntity mail;
        try {
            mail = MimeEntity.parse(raw);
        } catch (RuntimeException unreadable) {
            return FeedbackReading.unparseable("not an RFC 5322 message: " + unreadable.getMessage(), null, null, null);
        }
        String reportId = messageId(mail.header("Message-ID"));
        if (!mail.hasHeaders() || mail.header("From") == null && mail.header("Content-Type") == null) {
            return FeedbackReading.unparseable("not an RFC 5322 message: no header section (From, Content-Type)",
                    null, null, reportId);
        }
        try {
            return classify(mail, reportId);
        } catch (RuntimeException unreadable) {
            return FeedbackReading.unparseable("cannot be read: " + unreadable, null, Reporters.recognise(mail),
                    reportId);
        }
    }

    /** Whether the mail says it is a report (multipart/report, RFC 6522), whoever it was addressed to. */
    public static boolean isReport(byte[] raw) {
        return raw != null && raw.length > 0 && MimeEntity.parse(raw).is("multipart/report");
    }

    private static FeedbackReading classify(MimeEntity mail, String reportId) {
        if (mail.is("multipart/report")) {
            if (!mail.wellFormedMultipart()) {
                return FeedbackReading.unparseable("multipart/report whose boundary is missing or never occurs in "
                        + "its body (RFC 2046 5.1.1)", null, Reporters.recognise(mail), reportId);
            }
            String reportType = String.valueOf(mail.parameter("report-type")).toLowerCase(Locale.ROOT);
            switch (reportType) {
                case "delivery-status", "global-delivery-status" -> {
                    return DeliveryStatusReports.read(mail, reportId);
                }
                case "feedback-report" -> {
                    return ComplaintReports.read(mail, reportId);
                }
                default -> {
                    if (part(mail, "message/delivery-status", "message/global-delivery-status") != null) {
                        return DeliveryStatusReports.read(mail, reportId);
                    }
                    if (part(mail, "message/feedback-report") != null) {
                        return ComplaintReports.read(mail, reportId);
                    }
                    return FeedbackReading.nothing(ReportKind.NOT_A_REPORT,
                            "a report of type " + reportType + " (not delivery status or feedback)", reportId);
                }
            }
        }
        // Some MTAs wrap a DSN or an ARF report in multipart/mixed; the report part is what counts.
        if (part(mail, "message/delivery-status", "message/global-delivery-status") != null) {
            return DeliveryStatusReports.read(mail, reportId);
        }
        if (part(mail, "message/feedback-report") != null) {
            return ComplaintReports.read(mail, reportId);
        }
        if (TextBounces.looksLikeBounce(mail)) {
            return TextBounces.read(mail, reportId);
        }
        String autoReply = AutoReplies.why(mail);
        if (autoReply != null) {
            return FeedbackReading.nothing(ReportKind.AUTO_REPLY, autoReply, reportId);
        }
        return FeedbackReading.nothing(ReportKind.NOT_A_REPORT, "neither a bounce, a complaint nor an auto-reply",
                reportId);
    }

    /** The first part (at any depth, outside returned messages) of one of the types. */
    static MimeEntity part(MimeEntity mail, String... types) {
        for (MimeEntity part : mail.flatten()) {
            for (String type : types) {
                if (part.is(type)) {
                    return part;
                }
            }
        }
        return null;
    }

    /** The returned message or its headers (RFC 3462/6522 third part), or null. */
    static MimeEntity returnedMessage(MimeEntity mail) {
        MimeEntity returned = part(mail, "message/rfc822", "message/global", "text/rfc822-headers",
                "message/rfc822-headers", "message/global-headers");
        return returned == null ? null : returned.embedded();
    }

    /** The original's Message-ID and Return-Path: from the returned part, else from a copy quoted in the text. */
    static String[] original(MimeEntity mail, String quotedText) {
        MimeEntity returned = returnedMessage(mail);
        String messageId = returned == null ? null : messageId(returned.header("Message-ID"));
        String returnPath = returned == null ? null : address(returned.header("Return-Path"));
        if (quotedText != null) {
            if (messageId == null) {
                Matcher matcher = INLINE_MESSAGE_ID.matcher(quotedText);
                messageId = matcher.find() ? matcher.group(1) : null;
            }
            if (returnPath == null) {
                Matcher matcher = INLINE_RETURN_PATH.matcher(quotedText);
                returnPath = matcher.find() ? normalise(matcher.group(1)) : null;
            }
        }
        return new String[] {messageId, returnPath};
    }

    static String messageId(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = MESSAGE_ID.matcher(header);
        return matcher.find() ? matcher.group() : null;
    }

    /** An address field value ("rfc822; Ann@Example.com", "<ann@example.com>", "Ann <ann@...>") normalised. */
    static String address(String value) {
        if (value == null) {
            return null;
        }
        String address = value.strip();
        int semicolon = address.indexOf(';');
        if (semicolon >= 0 && address.substring(0, semicolon).matches("(?i)\\s*(rfc822|utf-8)\\s*")) {
            address = address.substring(semicolon + 1);
        }
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = address.substring(open + 1, close);
        }
        address = normalise(address);
        return address.contains("@") ? address : null;
    }

    static String normalise(String address) {
        return address.strip().replaceAll("^<|>:?$|:$", "").toLowerCase(Locale.ROOT);
    }

    /** One line, at most 500 characters: diagnostics are quoted to people and carried on topics. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.isEmpty() ? null : line.length() <= 500 ? line : line.substring(0, 497) + "...";
    }

    /** What a failure means for the address: hard only when the address is to blame and it is permanent. */
    static ReportKind failure(EnhancedStatus status) {
        if (status == null || !status.permanent()) {
            return ReportKind.SOFT_BOUNCE;
        }
        boolean addressToBlame = status.recipientProblem()
                || status.subject() == 0
                || (status.subject() == 2 && status.detail() == 0)
                || (status.subject() == 4 && status.detail() == 4);
        return addressToBlame ? ReportKind.HARD_BOUNCE : ReportKind.SOFT_BOUNCE;
    }
}
