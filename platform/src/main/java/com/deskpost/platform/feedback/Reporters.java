package com.deskpost.platform.feedback;

import java.util.Locale;

/**
 * Who wrote a report, when it can be told: providers by their own domains in From, Reporting-MTA or User-Agent;
 * MTA software by the headers and wording it is known for. For people and metrics only; nothing depends on it.
 */
final class Reporters {

    private Reporters() {
    }

    static String recognise(MimeEntity mail) {
        StringBuilder identity = new StringBuilder();
        identity.append(mail.header("From")).append(' ').append(mail.header("Sender"));
        // The topmost Received names the host that handed the report to us: a provider's outbound MTA.
        String received = mail.header("Received");
        if (received != null) {
            int by = received.indexOf(" by ");
            identity.append(' ').append(by < 0 ? received : received.substring(0, by));
        }
        String fields = "";
        MimeEntity report = FeedbackReader.part(mail, "message/delivery-status", "message/global-delivery-status",
                "message/feedback-report");
        if (report != null) {
            fields = report.text();
            for (var group : ReportFields.groups(fields)) {
                identity.append(' ').append(group.get("reporting-mta")).append(' ').append(group.get("user-agent"));
            }
        }
        String who = identity.toString().toLowerCase(Locale.ROOT);
        String text = TextBounces.humanText(mail).toLowerCase(Locale.ROOT);
        MimeEntity returned = FeedbackReader.returnedMessage(mail);
        if (who.contains("amazonses.com")) {
            return "ses";
        }
        if (who.contains("googlemail.com") || who.contains("google.com") || who.contains("gmail.com")) {
            return "gmail";
        }
        if (who.contains("yahoo")) {
            return "yahoo";
        }
        if (who.matches("(?s).*\\baol\\b.*") || who.contains("scomp")) {
            return "aol";
        }
        if (who.contains("hotmail") || who.contains("jmrp")
                || (returned != null && returned.header("X-HmXmrOriginalRecipient") != null)) {
            return "outlook.com";
        }
        if (who.contains("outlook.com") || mail.header("X-MS-Exchange-Message-Is-Ndr") != null
                || text.contains("remote server returned") || text.contains("diagnostic information for administrators")) {
            return "microsoft365";
        }
        if (text.contains("qmail-send program")) {
            return "qmail";
        }
        if (text.contains("this is the mail system at host") || fields.toLowerCase(Locale.ROOT).contains("x-postfix")) {
            return "postfix";
        }
        if (mail.header("X-Failed-Recipients") != null || text.contains("mail delivery software")) {
            return "exim";
        }
        if (text.contains("the original message was received at") || text.contains("----- the following addresses")
                || fields.toLowerCase(Locale.ROOT).contains("x-actual-recipient")) {
            return "sendmail";
        }
        if (text.contains("this is the mailer-daemon, please do not reply")) {
            return "opensmtpd";
        }
        return null;
    }
}
