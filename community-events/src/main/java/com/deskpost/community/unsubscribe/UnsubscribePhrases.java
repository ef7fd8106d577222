package com.deskpost.community.unsubscribe;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether an inbound mail asks to be unsubscribed, in the languages Deskpost writes in (English,
 * German) and the neighbouring ones members write back in (French, Spanish, Dutch). Only the sender's
 * own words count: the subject (reply prefixes removed) and the first lines of the body above any
 * quoted text, since a reply quotes our own mail, footer and "Unsubscribe" link included. A phrase
 * ("unsubscribe", "remove me", "abmelden", "austragen"...) counts anywhere in those lines; a bare
 * command ("STOP", "Stopp") only as the whole subject or a whole line, so "stop by on Friday"
 * unsubscribes nobody.
 */
public final class UnsubscribePhrases {

    /** How many of the sender's own non-blank lines are read. */
    static final int OWN_LINES = 5;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private static final Pattern PHRASE = Pattern.compile("\\b(?:"
            // English
            + "unsubscribe|unsub|opt(?:[ -]?| me )out|remove me|take me off|"
            + "no (?:more|further) (?:e-?mails?|mails?|newsletters?|messages|announcements)|"
            + "stop (?:sending|e-?mailing|mailing|contacting)|"
            // German
            + "abmelden|abmeldung|austragen|abbestellen|abbestellung|abmelde|"
            + "keine (?:weiteren )?(?:e-?mails?|mails?|newsletter|nachrichten|werbung)|"
            + "(?:aus dem|vom) (?:verteiler|newsletter)|"
            // French
            + "d[ée]sabonner|d[ée]sabonnement|d[ée]sinscrire|d[ée]sinscription|"
            // Spanish
            + "darme de baja|darse de baja|dar de baja|cancelar (?:la )?suscripci[óo]n|"
            // Dutch
            + "afmelden|uitschrijven"
            + ")\\b", FLAGS);

    private static final Pattern COMMAND = Pattern.compile("^\\W*(?:stop|stopp|unsubscribe|abmelden)\\W*$", FLAGS);

    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?:(?:re|aw|sv|antw|fw|fwd|wg|tr)\\s*:\\s*)+", FLAGS);

    /** Where quoted text starts: "> ...", "On ... wrote:", "Am ... schrieb ...:", Outlook's header blocks, a signature. */
    private static final Pattern QUOTE_START = Pattern.compile("^(?:>.*"
            + "|on\\b.*\\bwrote:?\\s*"
            + "|am\\b.*\\bschrieb\\b.*"
            + "|le\\b.*\\ba [ée]crit\\s*:?\\s*"
            + "|-{2,}\\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)\\s*-*"
            + "|(?:from|von|de|van):\\s.*"
            + "|--\\s*"
            + "|_{5,}"
            + ")$", FLAGS);

    private UnsubscribePhrases() {
    }

    public static boolean asksToUnsubscribe(String subject, String body) {
        String ownSubject = REPLY_PREFIX.matcher(normalise(subject).strip()).replaceFirst("").strip();
        if (PHRASE.matcher(ownSubject).find() || COMMAND.matcher(ownSubject).matches()) {
            return true;
        }
        for (String line : ownLines(body)) {
            if (PHRASE.matcher(line).find() || COMMAND.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The first non-blank lines the sender wrote, above anything quoted. */
    static List<String> ownLines(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : normalise(body).split("\\R")) {
            String trimmed = line.strip();
            if (QUOTE_START.matcher(trimmed).matches()) {
                break;
            }
            if (!trimmed.isEmpty()) {
                lines.add(trimmed);
                if (lines.size() == OWN_LINES) {
                    break;
                }
            }
        }
        return lines;
    }

    private static String normalise(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
