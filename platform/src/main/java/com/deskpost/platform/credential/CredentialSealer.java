package com.deskpost.platform.credential;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.crypto.tink.HybridEncrypt;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seals credentials for delivery, the one service that can open them. Holds public keys only: the first
 * is the current key (new seals use it), the others are keys delivery still holds, so values a facility
 * system sealed under them are accepted while a rotation is under way (docs/sealed-credentials.md).
 */
public final class CredentialSealer {

    private final List<CredentialKeys.PublicKey> keys;
    private final Map<String, HybridEncrypt> encrypters = new LinkedHashMap<>();

    public CredentialSealer(List<CredentialKeys.PublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("deskpost.credentials.public-keys: at least one key is needed");
        }
        this.keys = List.copyOf(keys);
        for (CredentialKeys.PublicKey key : keys) {
            if (encrypters.put(key.id(), key.encrypter()) != null) {
                throw new IllegalArgumentException("deskpost.credentials.public-keys: key id " + key.id()
                        + " is listed twice");
            }
        }
    }

    /** The key new seals use. */
    public CredentialKeys.PublicKey current() {
        return keys.get(0);
    }

    /** Every key a sealed value may name: the current one first. */
    public List<CredentialKeys.PublicKey> keys() {
        return keys;
    }

    /**
     * The credential sealed under the current key for the location and member it belongs to. A value that
     * is already sealed is returned as it is (a facility system sealed it): sealing never nests.
     */
    public String seal(String value, String locationId, String memberId) {
        if (SealedCredential.isSealed(value)) {
            return value;
        }
        CredentialKeys.PublicKey key = current();
        try {
            byte[] payload = encrypters.get(key.id())
                    .encrypt(value.getBytes(UTF_8), CredentialContext.info(locationId, memberId));
            return new SealedCredential(key.id(), payload).text();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing under credential key " + key.id() + " failed", e);
        }
    }

    /**
     * What is wrong with a value a facility system says it sealed, if anything: the form, or a key id
     * Deskpost does not publish. (Whether it opens only delivery can tell.)
     */
    public Optional<String> problem(String sealed) {
        SealedCredential credential;
        try {
            credential = SealedCredential.parse(sealed);
        } catch (IllegalArgumentException malformed) {
            return Optional.of(malformed.getMessage());
        }
        if (!encrypters.containsKey(credential.keyId())) {
            return Optional.of("it is sealed under key id " + credential.keyId() + ", which Deskpost does not"
                    + " publish (published: " + String.join(", ", encrypters.keySet()) + ")");
        }
        return Optional.empty();
    }
}
