package com.deskpost.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Recognises the API keys of {@link ApiClientsProperties}. Keys are compared as SHA-256 digests
 * with {@link MessageDigest#isEqual}, against every configured client without stopping at a
 * match, so neither the time taken nor its variation tells a caller how much of a key was right,
 * how long the key is, or which client it came close to.
 */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private record KnownKey(String clientId, byte[] digest, List<ApiScope> scopes) {
    }

    private final List<KnownKey> keys;

    ApiKeyAuthenticationProvider(ApiClientsProperties properties) {
        this.keys = properties.clients().stream()
                .map(client -> new KnownKey(client.id(), sha256(client.key()), client.scopes()))
                .toList();
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        byte[] digest = sha256(String.valueOf(presented.getCredentials()));
        KnownKey match = null;
        for (KnownKey known : keys) {
            if (MessageDigest.isEqual(known.digest(), digest)) {
                match = known;
            }
        }
        if (match == null) {
            throw new BadCredentialsException("API key not recognised");
        }
        return ApiKeyAuthentication.of(match.clientId(), match.scopes());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
