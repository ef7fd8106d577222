package com.deskpost.platform.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final String SECRET = "a-real-secret-of-forty-characters-long!!";
    private static final String ADA = "ada@example.com";

    @Test
    void theSameAddressUnderTheSameSecretAlwaysGivesTheSamePseudonymWhateverItsSpelling() {
        // Given two services holding the same secret
        Pseudonyms delivery = new Pseudonyms(SECRET);
        Pseudonyms oversight = new Pseudonyms(SECRET);

        // When each makes Ada's pseudonym, from different spellings
        String pseudonym = delivery.of(ADA);

        // Then they agree: erased: and 16 bytes in hex
        assertThat(oversight.of(" Ada@Example.COM ")).isEqualTo(pseudonym);
        assertThat(pseudonym).matches("erased:[0-9a-f]{32}");
        assertThat(Pseudonyms.isPseudonym(pseudonym)).isTrue();
        assertThat(Pseudonyms.isPseudonym(ADA)).isFalse();
    }

    @Test
    void anotherSecretGivesAnotherPseudonym() {
        assertThat(new Pseudonyms("another-secret-of-more-than-32-characters").of(ADA))
                .isNotEqualTo(new Pseudonyms(SECRET).of(ADA));
    }

    @Test
    void aGuessedAddressCannotBeConfirmedByHashingItWithoutTheSecret() throws Exception {
        // Given Ada's pseudonym and its digest
        Pseudonyms pseudonyms = new Pseudonyms(SECRET);
        String pseudonym = pseudonyms.of(ADA);

        // When someone who guessed her address hashes it, as the unkeyed scheme allowed
        String sha256 = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(ADA.getBytes(StandardCharsets.UTF_8)));

        // Then nothing they can compute matches what is stored
        assertThat(pseudonym).doesNotContain(sha256.substring(0, 16));
        assertThat(pseudonyms.digest(ADA)).isNotEqualTo(sha256).startsWith(pseudonym.substring(7));
        assertThat(Pseudonyms.ofDigest(pseudonyms.digest(ADA))).isEqualTo(pseudonym);
    }

    @Test
    void aShortSecretIsRefusedWithHowToMakeOneUnlessItIsADevelopmentDefault() {
        assertThatThrownBy(() -> new Pseudonyms("short-secret"))
                .hasMessageContaining("deskpost.pseudonym.secret").hasMessageContaining("at least 32")
                .hasMessageContaining("openssl rand");
        assertThatThrownBy(() -> new Pseudonyms(" ")).hasMessageContaining("DESKPOST_PSEUDONYM_SECRET");
        assertThat(new Pseudonyms("dev-only-pseudonym-secret").of(ADA)).startsWith(Pseudonyms.PREFIX);
    }
}
