package com.deskpost.delivery.preferences;

import java.time.Duration;
import java.time.Instant;

/**
 * The path of a member's preference page: in every commercial mail (valid for {@code link-validity} from when the
 * mail was composed, so every send of one draft carries the same link) and on the unsubscribe page.
 */
public final class PreferenceLinks {

    private final PreferenceTokens tokens;
    private final Duration validity;

    public PreferenceLinks(PreferenceTokens tokens, Duration validity) {
        this.tokens = tokens;
        this.validity = validity;
    }

    /**
     * @param locationId the location the mail is about, offered on the page even when the directory does not list
     *     the member there; null for a link from no mail
     * @param issuedAt when the mail was composed, or now
     * @return {@code /preferences/<token>}
     */
    public String path(String normalisedEmail, String locationId, Instant issuedAt) {
        return "/preferences/" + tokens.token(normalisedEmail, locationId, issuedAt.plus(validity));
    }
}
