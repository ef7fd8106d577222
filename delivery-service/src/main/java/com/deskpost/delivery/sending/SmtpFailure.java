package com.deskpost.delivery.sending;

/**
 * The SMTP relay did not accept a message. Transient failures (4xx replies, refused or lost
 * connections, time-outs) are worth retrying later; permanent ones (5xx replies) are not.
 */
public class SmtpFailure extends RuntimeException {

    private final boolean permanent;
    private final int replyCode;

    public SmtpFailure(String message, boolean permanent, int replyCode, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.replyCode = replyCode;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The SMTP reply code, or -1 when the server never replied (connection failure, time-out). */
    public int replyCode() {
        return replyCode;
    }

    /** Thrown for 5xx replies: retrying cannot help. */
    public static final class Permanent extends SmtpFailure {
        public Permanent(String message, int replyCode, Throwable cause) {
            super(message, true, replyCode, cause);
        }
    }

    /** Thrown for 4xx replies and connection trouble: retried with backoff. */
    public static final class Transient extends SmtpFailure {
        public Transient(String message, int replyCode, Throwable cause) {
            super(message, false, replyCode, cause);
        }
    }
}
