package com.deskpost.ingest.feedback;

/**
 * A provider's webhook call refused before anything was published: why (which answers the HTTP status) and what the
 * operator or the provider's configuration must change, in words.
 */
final class WebhookRefused extends RuntimeException {

    /** Why a call is refused, with the HTTP status it is answered with. */
    enum Reason {
        /** Signature, certificate or credentials do not hold. */
        UNAUTHORIZED(401, "unauthorized"),
        /** Signed, but at a time outside the replay window. */
        STALE(401, "stale"),
        /** Signed and fresh, but already received inside the window (a replay or a redelivery). */
        REPLAYED(409, "replayed"),
        /** Not the provider's documented format. */
        MALFORMED(400, "malformed_webhook"),
        /** The provider's webhook is not configured here. */
        DISABLED(404, "webhook_disabled"),
        /** Authentic, but from a source this service is not configured to accept (an SNS topic not listed). */
        FORBIDDEN(403, "forbidden"),
        /** Something the check needs could not be reached now (the SNS certificate host): the provider retries. */
        UNAVAILABLE(503, "unavailable");

        final int status;
        final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    private final Reason reason;

    WebhookRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    WebhookRefused(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
