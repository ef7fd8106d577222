package com.deskpost.platform.feedback;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vacation and out-of-office replies (RFC 3834 and the headers mail systems set instead of it): Auto-Submitted
 * other than "no", X-Autoreply, X-Autorespond, Precedence auto_reply, Exchange's X-Auto-Response-Suppress with an
 * automatic-reply subject, or a subject in the words of the common clients in English, German, French, Spanish.
 * They change nothing: the address works, its owner is away.
 */
final class AutoReplies {

    private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*(out of (the )?office|automatic reply"
            + "|auto(matic)?[- ]?(reply|response)|auto:|autoreply|vacation|away from (the )?office|on vacation"
            + "|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absence|respuesta autom[aá]tica"
            + "|fuera de la oficina)");

    private AutoReplies() {
    }

    /** Why the mail is an auto-reply, or null when it is not one. */
    static String why(MimeEntity mail) {
        String autoSubmitted = mail.header("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip() + " (RFC 3834)";
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder"}) {
            if (mail.header(header) != null) {
                return header + " header";
            }
        }
        String precedence = mail.header("Precedence");
        if (precedence != null && precedence.strip().equalsIgnoreCase("auto_reply")) {
            return "Precedence: auto_reply";
        }
        String subject = mail.header("Subject");
        if (subject != null && SUBJECT.matcher(subject).find()) {
            return "an automatic-reply subject: " + FeedbackReader.oneLine(subject);
        }
        return null;
    }
}
