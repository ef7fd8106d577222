package com.deskpost.delivery.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The signed per-message return path: what it looks like, what it binds, and what it refuses. */
class ReturnPathsTest {

    private static final String DRAFT = "0b7e3c1a-5d2f-3e4a-9c1b-2f6d8e0a1b42";
    private final ReturnPaths paths = new ReturnPaths("Bounce.Example.com", "a-return-path-secret-of-some-length");

    @Test
    void aReturnPathIsOnTheBounceDomainAndItsLocalPartFitsRfc5321() {
        String path = paths.of(DRAFT, "Ada@Example.com");

        assertThat(path).matches("b-0b7e3c1a5d2f3e4a9c1b2f6d8e0a1b42-[a-z2-7]{16}@bounce\\.example\\.com");
        assertThat(path.substring(0, path.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        // Deterministic, and the recipient is normalised first
        assertThat(paths.of(DRAFT, " ada@example.com ")).isEqualTo(path);
    }

    @Test
    void itDecodesToItsDraftAndVerifiesForItsRecipientOnly() {
        String path = paths.of(DRAFT, "ada@example.com");

        ReturnPaths.Decoded decoded = paths.decode("<" + path.toUpperCase() + ">").orElseThrow();

        assertThat(decoded.draftId()).isEqualTo(DRAFT);
        assertThat(paths.signedFor(decoded, "ADA@example.com")).isTrue();
        assertThat(paths.signedFor(decoded, "grace@example.com")).isFalse();
    }

    @Test
    void aForgedOrForeignReturnPathIsRefused() {
        String path = paths.of(DRAFT, "ada@example.com");
        String local = path.substring(0, path.indexOf('@'));
        String tampered = local.substring(0, local.length() - 1) + (local.endsWith("a") ? "b" : "a");

        // A signature changed by one character, another draft under the same signature, another secret
        assertThat(paths.signedFor(paths.decode(tampered + "@bounce.example.com").orElseThrow(), "ada@example.com"))
                .isFalse();
        String otherDraft = local.replace("0b7e3c1a", "0b7e3c1b");
        assertThat(paths.signedFor(paths.decode(otherDraft + "@bounce.example.com").orElseThrow(), "ada@example.com"))
                .isFalse();
        ReturnPaths otherSecret = new ReturnPaths("bounce.example.com", "another-secret-of-some-length");
        assertThat(otherSecret.signedFor(otherSecret.decode(path).orElseThrow(), "ada@example.com")).isFalse();
        // Not on the bounce domain, or not of our form: not ours at all
        assertThat(paths.decode(local + "@example.com")).isEmpty();
        assertThat(paths.decode("postmaster@bounce.example.com")).isEmpty();
        assertThat(paths.decode(null)).isEmpty();
    }

    @Test
    void aDraftIdThatIsNoUuidHasNoReturnPathAndBadSettingsAreRefused() {
        assertThat(paths.of("draft-102", "ada@example.com")).isNull();
        assertThatThrownBy(() -> new ReturnPaths("bounce.example.com", "short")).hasMessageContaining("16 characters");
        assertThatThrownBy(() -> new ReturnPaths("me@bounce.example.com", "a-return-path-secret-of-some-length"))
                .hasMessageContaining("bounce-domain");
    }
}
