package com.deskpost.platform.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.testsupport.python.PythonExample;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seal of {@code examples/python/seal_and_publish.py}, RFC 9180 written by hand in Python, opens with
 * Tink in delivery's {@link CredentialOpener}: a facility system in another language can seal for Deskpost.
 * Pinned here without a broker; {@code PythonProducerEndToEndIT} (dev-stack) takes the same script to the
 * holder's mailbox.
 */
class PythonSealInteropTest {

    private final CredentialKeys.PrivateKey key = CredentialKeys.generate("interop-2026-12");
    private final CredentialOpener opener = new CredentialOpener(List.of(key));

    @Test
    void aCodeSealedInPythonOpensWithTinkForItsLocationAndMemberOnly() {
        // Given a door code with characters beyond ASCII, sealed by the Python example with the public key
        String code = "Tür-4821-7730 ✓";
        String sealed = sealInPython(code, "LDN-1", "M-ADA");

        // Then it has Deskpost's sealed form, names the key and does not carry the code
        assertThat(sealed).startsWith("sealed:v1:interop-2026-12:").doesNotContain("4821");
        assertThat(SealedCredential.parse(sealed).keyId()).isEqualTo("interop-2026-12");

        // When delivery opens it for the mail about that member at that location, it reads the code
        assertThat(opener.open(sealed, "LDN-1", "M-ADA")).isEqualTo(code);

        // And for another member or location it does not open (the info binds it)
        assertThatThrownBy(() -> opener.open(sealed, "LDN-1", "M-BOB")).isInstanceOf(CredentialUnavailable.class)
                .hasMessageContaining("sealed for another location or member").hasMessageNotContaining("4821");
        assertThatThrownBy(() -> opener.open(sealed, "BER-1", "M-ADA")).isInstanceOf(CredentialUnavailable.class);
    }

    @Test
    void eachSealUsesAFreshEphemeralKeySoTwoSealsOfOneCodeDiffer() {
        String first = sealInPython("1111-2222", "LDN-1", "M-ADA");
        String second = sealInPython("1111-2222", "LDN-1", "M-ADA");

        assertThat(first).isNotEqualTo(second);
        assertThat(opener.open(first, "LDN-1", "M-ADA")).isEqualTo(opener.open(second, "LDN-1", "M-ADA"))
                .isEqualTo("1111-2222");
    }

    @Test
    void aCodeSealedInPythonUnderAKeyDeliveryDoesNotHoldIsRefusedNamingTheKey() {
        CredentialKeys.PublicKey other = CredentialKeys.generate("retired-2026-06").publicKey();
        String sealed = PythonExample.run("--seal-only", "--public-key", other.text(), "--member", "M-ADA",
                "--location", "LDN-1", "--door", "D1", "--code", "5555-6666").out().strip();

        assertThatThrownBy(() -> opener.open(sealed, "LDN-1", "M-ADA")).isInstanceOf(CredentialUnavailable.class)
                .hasMessageContaining("retired-2026-06").hasMessageNotContaining("5555");
    }

    private String sealInPython(String code, String location, String member) {
        PythonExample.Run run = PythonExample.run("--seal-only", "--public-key", key.publicKey().text(),
                "--member", member, "--location", location, "--door", "D1", "--code", code);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain(code);
        return run.out().strip();
    }
}
