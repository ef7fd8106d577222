package com.deskpost.platform.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A bearer API key as presented, and once recognised, the API client it belongs to and its scopes. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    static final String AUTHORITY = "API_CLIENT";

    private final String clientId;
    private final transient String key;

    private ApiKeyAuthentication(String clientId, String key, Collection<? extends GrantedAuthority> authorities,
            boolean authenticated) {
        super(authorities);
        this.clientId = clientId;
        this.key = key;
        setAuthenticated(authenticated);
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(null, key, List.of(), false);
    }

    static ApiKeyAuthentication of(String clientId, List<ApiScope> scopes) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(AUTHORITY));
        scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
        return new ApiKeyAuthentication(clientId, null, authorities, true);
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
