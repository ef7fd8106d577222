package com.deskpost.delivery.sending.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.delivery.sending.DeliveryProperties.Dkim;
import com.deskpost.delivery.sending.DeliveryProperties.Dkim.Key;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DKIM key settings are checked at start-up, and each mistake is named with the setting that holds it. */
class DkimKeysTest {

    private static final String DOMAIN = "shoreditch.example.com";
    private static KeyPair rsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(2048);
    }

    @Test
    void aPkcs8KeyFileAndPemTextAndAPkcs1KeyAreAccepted() {
        Path file = TestKeys.write(dir, "dkim.pem", TestKeys.pkcs8Pem(rsa.getPrivate()));

        var keys = DkimKeys.load(List.of(
                new Key(DOMAIN, "s2026", file.toString(), null),
                new Key("Camden.Example.com", "s2026", null, TestKeys.pkcs8Pem(rsa.getPrivate())),
                new Key("islington.example.com", "legacy", null, TestKeys.bouncyCastlePem(rsa.getPrivate()))));

        assertThat(TestKeys.bouncyCastlePem(rsa.getPrivate())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(keys).containsOnlyKeys(DOMAIN, "camden.example.com", "islington.example.com");
        assertThat(keys.values()).allSatisfy(key -> assertThat(key.privateKey()).isEqualTo(rsa.getPrivate()));
        assertThat(keys.get(DOMAIN).selector()).isEqualTo("s2026");
    }

    @Test
    void anUnreadableKeyFileStopsTheStartNamingTheFile() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", missing.toString(), null))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("deskpost.delivery.dkim.keys[0].private-key-file " + missing)
                .hasMessageContaining("cannot be read").hasMessageContaining("NoSuchFileException");
    }

    @Test
    void aPublicKeyInsteadOfThePrivateOneIsRefused() {
        Path file = TestKeys.write(dir, "public.pem", TestKeys.bouncyCastlePem(rsa.getPublic()));

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", file.toString(), null))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("keys[0].private-key-file").hasMessageContaining("is a public key");
    }

    @Test
    void aKeyThatIsNotRsaIsRefused() {
        String ec = TestKeys.pkcs8Pem(TestKeys.generate("EC", 256).getPrivate());
        String ed25519 = TestKeys.pkcs8Pem(TestKeys.generate("Ed25519", 0).getPrivate());

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", null, ec))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("deskpost.delivery.dkim.keys[0].private-key (" + DOMAIN + ")")
                .hasMessageContaining("is an EC key, not an RSA private key");
        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", null, ed25519))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("is an Ed25519 key").hasMessageContaining("use an RSA key");
    }

    @Test
    void anRsaKeyShorterThanRfc8301AllowsIsRefused() {
        String weak = TestKeys.pkcs8Pem(TestKeys.rsa(512).getPrivate());

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", null, weak))))
                .isInstanceOf(InvalidDkimSettings.class).hasMessageContaining("512 bits")
                .hasMessageContaining("at least 1024");
    }

    @Test
    void textThatIsNoPemAtAllIsRefused() {
        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", null, "MIIEvQIBADANBgkqhkiG9w0"))))
                .isInstanceOf(InvalidDkimSettings.class).hasMessageContaining("holds no PEM block");
    }

    @Test
    void twoKeysForOneDomainAreRefusedWhateverTheCase() {
        String pem = TestKeys.pkcs8Pem(rsa.getPrivate());

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "old", null, pem),
                new Key("SHOREDITCH.example.com", "new", null, pem))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("deskpost.delivery.dkim.keys[1].domain " + DOMAIN)
                .hasMessageContaining("has a key already (selector old)");
    }

    @Test
    void aMissingSelectorOrDomainIsNamed() {
        String pem = TestKeys.pkcs8Pem(rsa.getPrivate());

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, " ", null, pem))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("deskpost.delivery.dkim.keys[0].selector is missing")
                .hasMessageContaining("._domainkey." + DOMAIN);
        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(null, "s1", null, pem))))
                .isInstanceOf(InvalidDkimSettings.class)
                .hasMessageContaining("deskpost.delivery.dkim.keys[0].domain is missing");
        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "bad selector", null, pem))))
                .isInstanceOf(InvalidDkimSettings.class).hasMessageContaining("is not a DNS label");
    }

    @Test
    void exactlyOneOfKeyFileAndKeyTextIsGiven() {
        String pem = TestKeys.pkcs8Pem(rsa.getPrivate());
        Path file = TestKeys.write(dir, "dkim.pem", pem);

        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", null, null))))
                .isInstanceOf(InvalidDkimSettings.class).hasMessageContaining("neither is set");
        assertThatThrownBy(() -> DkimSigning.from(settings(new Key(DOMAIN, "s1", file.toString(), pem))))
                .isInstanceOf(InvalidDkimSettings.class).hasMessageContaining("both are set");
    }

    private static Dkim settings(Key... keys) {
        return new Dkim(List.of(keys));
    }
}
