package com.deskpost.delivery.api;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A bearer API key as presented, and once recognised, the API client it belongs to. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    static final String AUTHORITY = "API_CLIENT";

    private final String clientId;
    private final transient String key;

    private ApiKeyAuthentication(String clientId, String key, boolean authenticated) {
        super(authenticated ? List.of(new SimpleGrantedAuthority(AUTHORITY)) : List.of());
        this.clientId = clientId;
        this.key = key;
        setAuthenticated(authenticated);
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(null, key, false);
    }

    static ApiKeyAuthentication of(String clientId) {
        return new ApiKeyAuthentication(clientId, null, true);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    /** The client id; controllers receive it as the principal's name. */
    @Override
    public Object getPrincipal() {
        return clientId;
    }

    @Override
    public String getName() {
        return clientId;
    }
}
