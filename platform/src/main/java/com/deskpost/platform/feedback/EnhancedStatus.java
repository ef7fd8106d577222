package com.deskpost.platform.feedback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enhanced mail system status code (RFC 3463): {@code class.subject.detail}, e.g. {@code 5.1.1}. The class says
 * whether a failure is permanent (5) or transient (4); the subject says whose problem it is. What Deskpost does with
 * a failure follows from it: a problem with the recipient's address ({@code x.1.x}) or a permanently full or
 * disabled mailbox ({@code 5.2.1}, {@code 5.2.2}) blames the address; a security or policy refusal ({@code x.7.x}:
 * spam, DMARC, a blocked sender) blames the message or the sender, never the address.
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject 0 other, 1 addressing, 2 mailbox, 3 mail system, 4 network and routing, 5 mail delivery protocol,
 *        6 message content or media, 7 security or policy
 * @param detail the detail number within the subject
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    // RFC 3463 section 2: class "." subject "." detail, subject and detail 1 to 3 digits.
    private static final Pattern CODE = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("An enhanced status class is 2, 4 or 5, got " + statusClass);
        }
    }

    /** The first enhanced status code in a text (a DSN's Status field, an SMTP reply, a diagnostic), if any. */
    public static Optional<EnhancedStatus> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    /**
     * The status a reply or diagnostic means: the enhanced code it states, else one inferred from its basic SMTP reply
     * code (RFC 5321) and its words ("550 User unknown" is 5.1.1, "552 mailbox full" 5.2.2, "421 try again later"
     * 4.7.0). A stated code without detail ({@code x.0.0}) is refined from the words, keeping its class. Empty when
     * the text says nothing a status can be read from. For synchronous SMTP replies and for bounce reports alike.
     */
    public static Optional<EnhancedStatus> infer(String replyOrText) {
        return StatusInference.infer(replyOrText);
    }

    /** Parses exactly one code, e.g. {@code "5.1.1"}. */
    public static EnhancedStatus parse(String code) {
        if (code == null || !code.strip().matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("Not an enhanced status code (RFC 3463, e.g. 5.1.1): " + code);
        }
        return find(code.strip()).orElseThrow();
    }

    /** A permanent failure: retrying the same message will not help. */
    public boolean permanent() {
        return statusClass == 5;
    }

    /** A transient failure: the same message may succeed later. */
    public boolean transientFailure() {
        return statusClass == 4;
    }

    /**
     * The recipient's address is the problem: bad mailbox, system or address syntax, moved with no forwarding
     * ({@code x.1.x}), or a mailbox that is disabled ({@code x.2.1}).
     */
    public boolean recipientProblem() {
        return subject == 1 || (subject == 2 && detail == 1);
    }

    /** The recipient's mailbox is full ({@code x.2.2}): transient by nature even when reported as permanent. */
    public boolean mailboxFull() {
        return subject == 2 && detail == 2;
    }

    /** A security or policy refusal ({@code x.7.x}): the message or sender was refused, not the address. */
    public boolean policy() {
        return subject == 7;
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
