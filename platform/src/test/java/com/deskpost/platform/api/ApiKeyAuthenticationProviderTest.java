package com.deskpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.platform.api.ApiClientsProperties.Client;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Which keys authenticate which client, and which client lists are refused at start-up. */
class ApiKeyAuthenticationProviderTest {

    private static final String OPS_KEY = "ops-key-0123456789abcdef";
    private static final String CRM_KEY = "crm-key-0123456789abcdef";
    private static final String IDLE_KEY = "idle-key-0123456789abcdef";

    private final ApiKeyAuthenticationProvider keys = new ApiKeyAuthenticationProvider(
            new ApiClientsProperties(List.of(
                    new Client("ops", OPS_KEY, List.of(ApiScope.READ, ApiScope.CONTACTS, ApiScope.ERASURE)),
                    new Client("crm", CRM_KEY, List.of(ApiScope.CONTACTS)),
                    new Client("idle", IDLE_KEY, null))));

    @Test
    void aKnownKeyAuthenticatesItsClient() {
        // When
        Authentication crm = keys.authenticate(ApiKeyAuthentication.presented(CRM_KEY));

        // Then
        assertThat(crm.isAuthenticated()).isTrue();
        assertThat(crm.getName()).isEqualTo("crm");
        assertThat(crm.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder(ApiKeyAuthentication.AUTHORITY, "SCOPE_contacts");
        assertThat(crm.getCredentials()).as("the key is not kept after authentication").isNull();
    }

    @Test
    void eachKeyCarriesExactlyItsScopesAndNoListMeansNone() {
        assertThat(keys.authenticate(ApiKeyAuthentication.presented(OPS_KEY)).getAuthorities())
                .extracting(Object::toString).contains("SCOPE_read", "SCOPE_contacts", "SCOPE_erasure");
        assertThat(keys.authenticate(ApiKeyAuthentication.presented(CRM_KEY)).getAuthorities())
                .extracting(Object::toString).doesNotContain("SCOPE_erasure", "SCOPE_read");
        assertThat(keys.authenticate(ApiKeyAuthentication.presented(IDLE_KEY)).getAuthorities())
                .extracting(Object::toString).containsExactly(ApiKeyAuthentication.AUTHORITY);
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
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client("ops", "short", null))))
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client("a", OPS_KEY, null), new Client("b", OPS_KEY, null))))
                .hasMessageContaining("share a key");
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client("a", OPS_KEY, null), new Client("a", CRM_KEY, null))))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new ApiClientsProperties(List.of(new Client(" ", OPS_KEY, null))))
                .hasMessageContaining("id must be set");
    }

    @Test
    void aClientsKeyNeverAppearsInItsDescription() {
        // When / Then
        assertThat(new Client("ops", OPS_KEY, null).toString()).doesNotContain(OPS_KEY);
        assertThat(new ApiClientsProperties(List.of(new Client("ops", OPS_KEY, null))).toString()).doesNotContain(OPS_KEY);
    }
}
