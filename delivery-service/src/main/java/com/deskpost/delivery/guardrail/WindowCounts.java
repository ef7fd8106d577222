package com.deskpost.delivery.guardrail;

/** A sender domain's mails sent, hard bounces and complaints over the window, and the rates they make. */
record WindowCounts(long sent, long hardBounces, long complaints) {

    static final WindowCounts NONE = new WindowCounts(0, 0, 0);

    /** Complaints per mail sent; 0 when nothing was sent. */
    double complaintRate() {
        return sent == 0 ? 0 : (double) complaints / sent;
    }

    /** Hard bounces per mail sent; 0 when nothing was sent. */
    double bounceRate() {
        return sent == 0 ? 0 : (double) hardBounces / sent;
    }
}
