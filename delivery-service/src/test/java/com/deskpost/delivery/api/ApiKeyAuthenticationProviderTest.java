package com.deskpost.delivery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.delivery.api.ApiClientsProperties.Client;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Which keys authenticate which client, and which client lists are refused at start-up. */
class ApiKeyAuthenticationProviderTest {

    private static final String OPS_KEY = "ops-key-0123456789abcdef";
    private static final String CRM_KEY = "crm-key-0123456789abcdef";

    private final ApiKeyAuthenticationProvider keys = new ApiKeyAuthenticationProvider(
            new ApiClientsProperties(List.of(new Client("ops", OPS_KEY), new Client("crm", CRM_KEY))));

    @Test
    void aKnownKeyAuthenticatesItsClient() {
        // When
        Authentication crm = keys.authenticate(ApiKeyAuthentication.presented(CRM_KEY));

        // Then
        assertThat(crm.isAuthenticated()).isTrue();
        assertThat(crm.getName()).isEqualTo("crm");
        assertThat(crm.getAuthorities()).extracting(Object::toString).containsExactly(ApiKeyAuthentication.AUTHORITY);
        assertThat(crm.getCredentials()).as("the key is not kept after authentication").isNull();
    }

    @Test
    void anUnknownKeyOrAPrefixOfAKnownOneIsRejected() {
        // When / Then
        for (String wrong : List.of("", OPS_KEY.substring(0, 10), OPS_KEY + "x", OPS_KEY.toUpperCase())) {
            assertThatThrownBy(() -> keys.authenticate(ApiKeyAuthentication.presented(wrong)))
                    .as("key '%s'", wrong).isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    void noClientsMeansNoKeyIsRecognised() {
        // Given
        ApiKeyAuthenticationProvider none = new ApiKeyAuthenticationProvider(new ApiClientsProperties(null));

        // When / Then
        assertThatThrownBy(() -> none.authenticate(ApiKeyAuthentication.presented(OPS_KEY)))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void shortSharedOrAnonymousKeysAreRefusedAtStartUp() {
        // When / Then
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client("ops", "short"))))
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client("a", OPS_KEY), new Client("b", OPS_KEY))))
                .hasMessageContaining("share a key");
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client("a", OPS_KEY), new Client("a", CRM_KEY))))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client(" ", OPS_KEY))))
                .hasMessageContaining("id must be set");
    }

    @Test
    void aClientsKeyNeverAppearsInItsDescription() {
        // When / Then
        assertThat(new Client("ops", OPS_KEY).toString()).doesNotContain(OPS_KEY);
        assertThat(new ApiClientsProperties(List.of(new Client("ops", OPS_KEY))).toString()).doesNotContain(OPS_KEY);
    }
}
