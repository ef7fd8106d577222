package com.deskpost.delivery.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.preferences.PreferenceTokens.Expired;
import com.deskpost.delivery.preferences.PreferenceTokens.Genuine;
import com.deskpost.delivery.preferences.PreferenceTokens.Link;
import com.deskpost.delivery.preferences.PreferenceTokens.NotGenuine;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Preference links name one address and location until they expire, and cannot be forged or borrowed. */
class PreferenceTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-06-05T03:00:00Z");

    private final PreferenceTokens tokens = new PreferenceTokens("test-secret");

    @Test
    void aTokenSaysWhichAddressAndLocationItIsForUntilItExpires() {
        String token = tokens.token("ada@example.com", "LDN", EXPIRES);

        assertThat(tokens.verify(token, NOW)).isEqualTo(new Genuine(new Link("ada@example.com", "LDN", EXPIRES)));
        assertThat(tokens.verify(token, EXPIRES)).isEqualTo(new Expired(new Link("ada@example.com", "LDN", EXPIRES)));
        // A link from no mail names no location
        assertThat(tokens.verify(tokens.token("ada@example.com", null, EXPIRES), NOW))
                .isEqualTo(new Genuine(new Link("ada@example.com", null, EXPIRES)));
    }

    @Test
    void aChangedAddressLocationOrExpiryOrAnotherSecretIsNotGenuine() {
        String token = tokens.token("ada@example.com", "LDN", NOW);
        String signature = token.substring(token.indexOf('.'));
        for (String other : new String[] {tokens.token("mallory@example.com", "LDN", NOW),
            tokens.token("ada@example.com", "BER", NOW), tokens.token("ada@example.com", "LDN", EXPIRES)}) {
            // The other token's payload with this token's signature: a forgery
            assertThat(tokens.verify(other.substring(0, other.indexOf('.')) + signature, NOW.minusSeconds(60)))
                    .isInstanceOf(NotGenuine.class);
        }
        assertThat(new PreferenceTokens("other-secret").verify(token, NOW.minusSeconds(60))).isInstanceOf(NotGenuine.class);
        for (String junk : new String[] {null, "", ".", "abc", "abc.def", "!!!.???", token + "x"}) {
            assertThat(tokens.verify(junk, NOW.minusSeconds(60))).as(junk).isInstanceOf(NotGenuine.class);
        }
    }

    @Test
    void anUnsubscribeTokenIsNoPreferenceTokenAndThePreferenceKeyIsNotTheUnsubscribeKey() {
        // Both are made from the same configured secret
        String unsubscribe = new UnsubscribeTokens("test-secret").token("ada@example.com");
        assertThat(tokens.verify(unsubscribe, NOW)).isInstanceOf(NotGenuine.class);
        String preference = tokens.token("ada@example.com", "LDN", EXPIRES);
        assertThat(new UnsubscribeTokens("test-secret").verify(preference)).isEmpty();
    }

    @Test
    void theFormValueBelongsToItsTokenAlone() {
        String token = tokens.token("ada@example.com", "LDN", EXPIRES);
        String other = tokens.token("bob@example.com", "LDN", EXPIRES);

        assertThat(tokens.formTokenMatches(token, tokens.formToken(token))).isTrue();
        assertThat(tokens.formTokenMatches(token, tokens.formToken(other))).isFalse();
        assertThat(tokens.formTokenMatches(token, null)).isFalse();
        assertThat(tokens.formTokenMatches(token, "")).isFalse();
    }
}
