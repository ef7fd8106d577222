package com.deskpost.platform.feedback;

/**
 * What a received report means for one recipient. Only {@link #HARD_BOUNCE}, {@link #SOFT_BOUNCE} and
 * {@link #COMPLAINT} change anything (they become mail.feedback); a delayed delivery (DSN Action: delayed) and an
 * auto-reply (RFC 3834: vacation, out of office) change nothing; a mail that is no report is not feedback at all;
 * a report that cannot be read is kept with its reason, never dropped.
 */
public enum ReportKind {
    /** A permanent failure the address is to blame for: unknown user, bad domain, disabled mailbox. */
    HARD_BOUNCE,
    /** A failure that may pass: transient (4.x.x), a full mailbox, or a policy refusal (x.7.x) of the message. */
    SOFT_BOUNCE,
    /** The recipient reported the mail as spam or abuse (ARF Feedback-Type abuse, fraud, virus, other). */
    COMPLAINT,
    /** Not delivered yet; the reporting MTA keeps trying (DSN Action: delayed). Changes nothing. */
    DELAYED,
    /** A vacation or out-of-office reply. Changes nothing. */
    AUTO_REPLY,
    /** A mail that is no bounce or complaint (a reply, a success DSN, a not-spam report). */
    NOT_A_REPORT,
    /** A report that cannot be read; kept with the reason. */
    UNPARSEABLE;

    /** Whether it becomes feedback on mail.feedback. */
    public boolean isFeedback() {
        return this == HARD_BOUNCE || this == SOFT_BOUNCE || this == COMPLAINT;
    }
}
