package com.deskpost.billing.composer;

/** The billing mails: each with its template and the event type oversight and delivery know it by. */
enum MailKind {
    RENEWAL_REMINDER("billing-renewal-reminder", "renewal_upcoming"),
    RECEIPT("billing-receipt", "payment_succeeded"),
    /** Delivery treats this event type as critical: a permanent refusal alerts the location's staff. */
    PAYMENT_FAILED("billing-payment-failed", "payment_failed"),
    INVOICE("billing-invoice", "invoice_issued"),
    CANCELLATION("billing-cancellation", "membership_cancelled");

    final String template;
    final String eventType;

    MailKind(String template, String eventType) {
        this.template = template;
        this.eventType = eventType;
    }
}
