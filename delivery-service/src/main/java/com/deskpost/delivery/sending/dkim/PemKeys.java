package com.deskpost.delivery.sending.dkim;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a DKIM private key from PEM text: PKCS#8 ({@code BEGIN PRIVATE KEY}, what
 * {@code openssl genpkey} writes) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older {@code openssl genrsa}).
 * Only unencrypted RSA keys of at least 1024 bits are accepted: RFC 8301 §3.2 forbids signing with
 * shorter ones. Ed25519 (RFC 8463) is refused because the signing library computes it over the raw
 * header data instead of its SHA-256 hash, so receivers could not verify it.
 */
final class PemKeys {

    static final int MIN_RSA_BITS = 1024;

    private PemKeys() {
    }

    /** @throws IllegalArgumentException saying what the text is instead of a usable key */
    static RSAPrivateKey rsaPrivateKey(String pem) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("is not valid PEM: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IllegalArgumentException("holds no PEM block (expected -----BEGIN PRIVATE KEY-----)");
        }
        PrivateKey key = privateKey(object);
        if (!(key instanceof RSAPrivateKey rsa)) {
            String algorithm = key.getAlgorithm();
            if (algorithm.equalsIgnoreCase("Ed25519") || algorithm.equalsIgnoreCase("EdDSA")) {
                throw new IllegalArgumentException("is an Ed25519 key, which Deskpost does not sign with yet: "
                        + "use an RSA key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)");
            }
            throw new IllegalArgumentException("is an " + algorithm + " key, not an RSA private key");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException("is an RSA key of " + bits + " bits; DKIM needs at least "
                    + MIN_RSA_BITS + " (RFC 8301), 2048 recommended");
        }
        return rsa;
    }

    private static PrivateKey privateKey(Object object) {
        PrivateKeyInfo info;
        if (object instanceof PrivateKeyInfo pkcs8) {
            info = pkcs8;
        } else if (object instanceof PEMKeyPair pkcs1) {
            info = pkcs1.getPrivateKeyInfo();
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new IllegalArgumentException("is encrypted: give the key unencrypted "
                    + "(openssl pkcs8 -topk8 -nocrypt -in key.pem -out dkim.pem) and protect the file instead");
        } else if (object instanceof SubjectPublicKeyInfo) {
            throw new IllegalArgumentException("is a public key; the setting needs the private key "
                    + "(the public one goes in DNS)");
        } else if (object instanceof X509CertificateHolder) {
            throw new IllegalArgumentException("is a certificate, not a private key");
        } else {
            throw new IllegalArgumentException("is a " + object.getClass().getSimpleName() + ", not a private key");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("is a private key this JVM cannot read: " + e.getMessage(), e);
        }
    }
}
