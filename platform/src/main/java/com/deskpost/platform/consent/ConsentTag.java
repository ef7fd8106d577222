package com.deskpost.platform.consent;

/** The consent and suppression tags an address can carry (DESIGN §4). */
public final class ConsentTag {

    /** The address unsubscribed from commercial mail (one-click, reply, API). */
    public static final String UNSUBSCRIBED = "unsubscribed";
    /** Explicit opt-in to commercial mail, required for EU and UK jurisdictions (GDPR art. 6(1)(a), PECR). */
    public static final String OPT_IN = "opt_in";
    /** CCPA "do not sell or share" opt-out, honoured for US-CA commercial mail. */
    public static final String CCPA_OPT_OUT = "ccpa_opt_out";
    /** The address bounced permanently: nothing is sent to it. */
    public static final String HARD_BOUNCED = "hard_bounced";
    /** The person asked for erasure (GDPR art. 17): nothing is sent to the address. */
    public static final String ERASED = "erased";

    private ConsentTag() {
    }
}
