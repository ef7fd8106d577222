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
    /**
     * Soft bounces (transient failures that finally failed) reached the threshold within the window
     * ({@code deskpost.feedback.soft-bounce}): the mailbox keeps failing, so nothing is sent until a person
     * removes the tag (contacts API) once the address works again.
     */
    public static final String SOFT_BOUNCED = "soft_bounced";
    /**
     * The recipient reported our mail as spam (ARF, RFC 5965, or a provider's complaint): no commercial mail;
     * transactional mail as {@link ComplaintStops} says; security and access mail always.
     */
    public static final String COMPLAINED = "complained";
    /** The person asked for erasure (GDPR art. 17): nothing is sent to the address. */
    public static final String ERASED = "erased";

    private ConsentTag() {
    }
}
