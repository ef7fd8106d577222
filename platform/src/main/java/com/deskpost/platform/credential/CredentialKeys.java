package com.deskpost.platform.credential;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.subtle.X25519;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Deskpost's credential keys in the one text form settings, files and the key endpoint use:
 * {@code <key id>:<base64url of the raw 32-byte X25519 key>}. The public half seals (composers, the MCP
 * server, facility systems); the private half opens and only delivery holds it. Tink does the HPKE.
 */
public final class CredentialKeys {

    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** RFC 9180 suite: DHKEM(X25519, HKDF-SHA256) 0x0020, HKDF-SHA256 0x0001, AES-256-GCM 0x0002. */
    public static final String SUITE = "HPKE-Base-X25519-SHA256-AES256GCM";
    static final HpkeParameters PARAMETERS;

    static {
        try {
            HybridConfig.register();
            PARAMETERS = HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CredentialKeys() {
    }

    /** A public key: seals for the holder of the matching private key. */
    public record PublicKey(String id, byte[] raw) {

        public String text() {
            return id + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }

        HybridEncrypt encrypter() {
            try {
                return KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(hpke()).withRandomId().makePrimary())
                        .build().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("credential key " + id + " is not a usable X25519 public key", e);
            }
        }

        HpkePublicKey hpke() throws GeneralSecurityException {
            return HpkePublicKey.create(PARAMETERS, Bytes.copyFrom(raw), null);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** A private key: opens what was sealed for its public half. Never logged: toString names the id only. */
    public record PrivateKey(String id, byte[] raw) {

        public PublicKey publicKey() {
            try {
                return new PublicKey(id, X25519.publicFromPrivate(raw));
            } catch (java.security.InvalidKeyException e) {
                throw new IllegalArgumentException("credential key " + id + " is not a 32-byte X25519 private key");
            }
        }

        public String text() {
            return id + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }

        HybridDecrypt decrypter() {
            try {
                HpkePrivateKey key = HpkePrivateKey.create(publicKey().hpke(),
                        SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()));
                return KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                        .build().getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("credential key " + id + " is not a usable X25519 private key", e);
            }
        }

        @Override
        public String toString() {
            return "PrivateKey[" + id + "]";
        }
    }

    /** A new key pair under the given id (ops-cli keys generate). */
    public static PrivateKey generate(String id) {
        checkId(id, "the new key");
        return new PrivateKey(id, X25519.generatePrivateKey());
    }

    /** @throws IllegalArgumentException naming the setting, never echoing the key material */
    public static PublicKey parsePublic(String text, String setting) {
        String[] parts = split(text, setting);
        PublicKey key = new PublicKey(parts[0], decode(parts[1], setting));
        key.encrypter();
        return key;
    }

    /** @throws IllegalArgumentException naming the setting, never echoing the key material */
    public static PrivateKey parsePrivate(String text, String setting) {
        String[] parts = split(text, setting);
        PrivateKey key = new PrivateKey(parts[0], decode(parts[1], setting));
        key.decrypter();
        return key;
    }

    private static String[] split(String text, String setting) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(setting + ": a credential key is written <key id>:<base64url key>"
                    + " (ops-cli keys generate makes one)");
        }
        String id = trimmed.substring(0, colon);
        checkId(id, setting);
        return new String[] {id, trimmed.substring(colon + 1)};
    }

    private static void checkId(String id, String where) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": a credential key id is 1 to 64 letters, digits, '.', '_'"
                    + " or '-'");
        }
    }

    private static byte[] decode(String base64, String setting) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": the key after the id is not base64url (RFC 4648 §5)");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(setting + ": an X25519 key is 32 bytes, this one is " + raw.length);
        }
        return raw;
    }
}
