package com.deskpost.delivery.feedback;

import com.deskpost.platform.feedback.EnhancedStatus;
import java.util.Optional;

/**
 * Whose problem a permanent SMTP refusal is, by its enhanced status code (RFC 3463): the address's ({@code 5.1.x}
 * bad mailbox or domain, {@code 5.2.1} disabled mailbox), which suppresses it like a hard bounce; the message's
 * or the sender's ({@code 5.7.x}: policy, DMARC, a blocked sender, content judged spam), which never blames the
 * address and alerts staff instead; or neither (a full mailbox, a protocol or system problem, a bare {@code 550}
 * without an enhanced code: relays answer 550 for policy too, so a bare code blames nobody).
 */
public enum SmtpRefusal {
    ADDRESS, POLICY, OTHER;

    /** @param replyText the relay's reply as the failure reports it, e.g. "550 5.1.1 <x@y>: unknown user" */
    public static SmtpRefusal of(int replyCode, String replyText) {
        if (replyCode < 500 || replyCode > 599) {
            return OTHER;
        }
        Optional<EnhancedStatus> status = status(replyText);
        if (status.isEmpty() || !status.get().permanent()) {
            return OTHER;
        }
        if (status.get().recipientProblem()) {
            return ADDRESS;
        }
        return status.get().policy() ? POLICY : OTHER;
    }

    /** The enhanced status code in a reply, if it carries one. */
    public static Optional<EnhancedStatus> status(String replyText) {
        return EnhancedStatus.find(replyText);
    }
}
