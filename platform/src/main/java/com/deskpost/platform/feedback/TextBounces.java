package com.deskpost.platform.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text bounces of MTAs and providers that send no DSN, read by their documented wording: qmail's QSBMF
 * ({@code <addr>:} then the reason, also Yahoo's), Sendmail's "permanent fatal errors" list with "(reason: ...)",
 * Exim's indented "address(es) failed" block, Exchange/Microsoft 365's "Remote Server returned '...'", Gmail's
 * "wasn't delivered to ... because", and Exim's X-Failed-Recipients header as the last resort. A warning that the
 * MTA is still trying (Exim "has not yet been delivered", Sendmail "transient non-fatal errors") is DELAYED.
 */
final class TextBounces {

    private static final Pattern BOUNCE_SENDER = Pattern.compile(
            "(?i)(mailer-daemon|mailer_daemon|mail-daemon|postmaster|mail delivery (system|subsystem))");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)(undeliver|undelivered|returned mail"
            + "|mail delivery (failed|failure)|delivery (status notification|failure|has failed|delayed|incomplete)"
            + "|failure notice|non.?deliver|message not delivered|delayed mail|warning: message .* delayed"
            + "|could not be delivered|returned to sender)");
    private static final Pattern BOUNCE_BODY = Pattern.compile("(?i)(qmail-send program|could not be delivered to "
            + "one or more|has not yet been delivered|permanent fatal errors|transient non-fatal errors"
            + "|delivery has failed to these recipients|delivery is delayed to these recipients|wasn't delivered to"
            + "|unable to deliver your message|temporary problem delivering)");
    private static final Pattern DELAYED = Pattern.compile("(?i)(has not yet been delivered|not been delivered yet"
            + "|transient non-fatal errors|delivery is delayed|delivery to the following recipients? (has been|is) "
            + "delayed|temporary problem delivering|will (continue to )?(retry|try again)|could not send message for "
            + "past)");
    private static final Pattern FAILED = Pattern.compile("(?i)(permanent (fatal )?error|could not be delivered"
            + "|delivery has failed|wasn't delivered|failed permanently|unable to deliver|address\\(es\\) failed"
            + "|following address(es)? failed)");
    private static final Pattern COPY_MARKER = Pattern.compile("(?im)^.*(below (this line )?is a copy|this is a copy of "
            + "the message|original message (follows|headers)|unsent message below|----- original message"
            + "|message headers follow|the headers of the original|^received: ).*$");
    /** An address alone on a line, maybe indented, in brackets, or followed by a colon (qmail, Exim, Sendmail). */
    private static final Pattern ADDRESS_LINE = Pattern.compile(
            "(?m)^[ \\t]*<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})>?:?[ \\t]*\\n((?:[ \\t]*\\S.*\\n?)*)");
    /** OpenSMTPD's and others' "address: reason" on one line. */
    private static final Pattern ADDRESS_COLON_LINE = Pattern.compile(
            "(?m)^[ \\t]*<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})>?: ([^\\n]*[45]\\d\\d[^\\n]*)$");
    private static final Pattern GMAIL = Pattern.compile("(?i)(?:wasn't delivered to|problem delivering your "
            + "message to) ([^\\s<>]+@[^\\s<>]+?)[.,]?\\s");
    private static final Pattern REMOTE_SERVER = Pattern.compile("(?i)Remote Server returned '([^']+)'");
    private static final Pattern RESPONSE = Pattern.compile(
            "(?i)(?:response (?:from the remote server )?was|remote server said|the error that the other server "
            + "returned was):?\\s*\\n?(.+)");
    private static final Pattern SMTP_LINE = Pattern.compile("(?m)(?<![\\w.])([45]\\d\\d[ -][^\\n]+)");

    private TextBounces() {
    }

    static boolean looksLikeBounce(MimeEntity mail) {
        String from = String.valueOf(mail.header("From"));
        String subject = String.valueOf(mail.header("Subject"));
        if (mail.header("X-Failed-Recipients") != null || BOUNCE_BODY.matcher(humanText(mail)).find()) {
            return true;
        }
        return BOUNCE_SENDER.matcher(from).find() && BOUNCE_SUBJECT.matcher(subject).find();
    }

    static FeedbackReading read(MimeEntity mail, String reportId) {
        String reporter = Reporters.recognise(mail);
        String text = humanText(mail);
        Matcher copy = COPY_MARKER.matcher(text);
        String human = copy.find() ? text.substring(0, copy.start()) : text;
        String quoted = copy.find(0) ? text.substring(copy.start()) : "";
        boolean delayed = DELAYED.matcher(human).find() && !FAILED.matcher(human).find();
        Map<String, String> failures = recipients(mail, human);
        if (failures.isEmpty()) {
            return FeedbackReading.unparseable("a bounce (" + (reporter == null ? "unknown MTA" : reporter)
                    + ") that names no failed recipient that can be read", "mta-text", reporter, reportId);
        }
        String fallbackDiagnostic = fallbackDiagnostic(human);
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            String diagnostic = FeedbackReader.oneLine(failure.getValue());
            if (diagnostic == null) {
                diagnostic = FeedbackReader.oneLine(fallbackDiagnostic);
            }
            EnhancedStatus status = EnhancedStatus.infer(diagnostic).orElse(null);
            ReportKind kind = delayed ? ReportKind.DELAYED : FeedbackReader.failure(status);
            findings.add(new Finding(kind, failure.getKey(), status == null ? null : status.toString(), diagnostic));
        }
        String[] original = FeedbackReader.original(mail, quoted);
        return new FeedbackReading(findings.get(0).kind(), findings, "mta-text", reporter, reportId, original[0],
                original[1], null);
    }

    /** Failed recipients with the words that follow each, by the first reading that finds any. */
    private static Map<String, String> recipients(MimeEntity mail, String human) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher gmail = GMAIL.matcher(human);
        if (gmail.find()) {
            Matcher response = RESPONSE.matcher(human);
            found.put(FeedbackReader.normalise(gmail.group(1)), response.find() ? response.group(1) : null);
            return found;
        }
        Matcher lines = ADDRESS_LINE.matcher(human);
        while (lines.find()) {
            String address = FeedbackReader.normalise(lines.group(1));
            String words = lines.group(2).strip();
            Matcher remote = REMOTE_SERVER.matcher(words);
            if (remote.find()) {
                words = remote.group(1);
            } else if (words.contains("(reason:")) {
                words = words.substring(words.indexOf("(reason:") + 8).replaceAll("\\)\\s*$", "");
            }
            if (!found.containsKey(address) || found.get(address) == null || found.get(address).isBlank()) {
                found.put(address, words.isBlank() ? null : words);
            }
        }
        if (found.isEmpty()) {
            Matcher colonLines = ADDRESS_COLON_LINE.matcher(human);
            while (colonLines.find()) {
                found.putIfAbsent(FeedbackReader.normalise(colonLines.group(1)), colonLines.group(2));
            }
        }
        if (found.isEmpty() && mail.header("X-Failed-Recipients") != null) {
            for (String address : mail.header("X-Failed-Recipients").split(",")) {
                String normalised = FeedbackReader.address(address);
                if (normalised != null) {
                    found.put(normalised, null);
                }
            }
        }
        return found;
    }

    private static String fallbackDiagnostic(String human) {
        Matcher remote = REMOTE_SERVER.matcher(human);
        if (remote.find()) {
            return remote.group(1);
        }
        Matcher smtp = SMTP_LINE.matcher(human);
        return smtp.find() ? smtp.group(1) : null;
    }

    /** The first plain-text part outside returned messages, else the HTML part's words. */
    static String humanText(MimeEntity mail) {
        String html = null;
        for (MimeEntity part : mail.flatten()) {
            if (part.is("text/plain")) {
                return part.text().replace("\r\n", "\n");
            }
            if (html == null && part.is("text/html")) {
                html = part.text();
            }
        }
        if (html == null) {
            return "";
        }
        return html.replaceAll("(?is)<(script|style)\\b.*?</\\1\\s*>", "")
                .replaceAll("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>", "\n")
                .replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replace("&nbsp;", " ").replace("&#39;", "'").replace("\r\n", "\n");
    }
}
