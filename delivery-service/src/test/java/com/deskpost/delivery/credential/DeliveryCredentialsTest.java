package com.deskpost.delivery.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * Where delivery's private credential keys come from: the setting, or a file (then delivery-service.yml
 * lets the keys fall back to the file's path, which means "the file only"); never both; a key that
 * cannot be used stops the start with the setting named and the key material left out.
 */
class DeliveryCredentialsTest {

    private static final CredentialKeys.PrivateKey CURRENT = CredentialKeys.generate("k2");
    private static final CredentialKeys.PrivateKey PREVIOUS = CredentialKeys.generate("k1");

    private final DeliveryCredentials credentials = new DeliveryCredentials();

    @Test
    void theKeysOfTheSettingCurrentFirst() {
        CredentialOpener opener = credentials.credentialOpener(keys(CURRENT.text(), PREVIOUS.text()),
                new MockEnvironment());

        assertThat(opener.publicKeys()).extracting(CredentialKeys.PublicKey::id).containsExactly("k2", "k1");
    }

    @Test
    void theKeysOfTheFileWhenOnlyTheFileIsSet(@TempDir Path dir) throws Exception {
        // Given a key file, and the keys falling back to its path as delivery-service.yml makes them
        Path file = Files.writeString(dir.resolve("credential-keys"),
                "# rotated 2026-02\n" + CURRENT.text() + "\n\n" + PREVIOUS.text() + "\n");
        MockEnvironment environment = new MockEnvironment().withProperty(DeliveryCredentials.FILE, file.toString());

        // When
        CredentialOpener opener = credentials.credentialOpener(keys(file.toString()), environment);

        // Then
        assertThat(opener.publicKeys()).extracting(CredentialKeys.PublicKey::id).containsExactly("k2", "k1");
    }

    @Test
    void keysAndAFileTogetherAreRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("credential-keys"), CURRENT.text() + "\n");
        MockEnvironment environment = new MockEnvironment().withProperty(DeliveryCredentials.FILE, file.toString());

        assertThatThrownBy(() -> credentials.credentialOpener(keys(PREVIOUS.text()), environment))
                .isInstanceOf(InvalidCredentialKeys.class)
                .hasMessageContaining("deskpost.credentials.private-keys and deskpost.credentials.private-key-file")
                .hasMessageNotContaining(PREVIOUS.text());
    }

    @Test
    void aKeyThatCannotBeUsedNamesTheSettingAndNotTheKey() {
        String material = CURRENT.text().substring(CURRENT.text().indexOf(':') + 1, CURRENT.text().length() - 2);

        assertThatThrownBy(() -> credentials.credentialOpener(keys("k2:" + material), new MockEnvironment()))
                .isInstanceOf(InvalidCredentialKeys.class)
                .hasMessageStartingWith("Credential keys: deskpost.credentials.private-keys")
                .hasMessageNotContaining(material);
    }

    @Test
    void noKeyAtAllIsRefused() {
        assertThatThrownBy(() -> credentials.credentialOpener(keys(), new MockEnvironment()))
                .isInstanceOf(InvalidCredentialKeys.class).hasMessageContaining("at least one private key");
    }

    private static CredentialProperties keys(String... keys) {
        return new CredentialProperties(List.of(), List.of(keys), null);
    }
}
