package com.deskpost.platform.credential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credential keys (docs/sealed-credentials.md). Services that seal (composers, the MCP server, ingest)
 * set the public keys; delivery alone sets the private keys, in the setting or in a file, never both.
 *
 * @param publicKeys {@code <key id>:<base64url>} each, the current key first, then keys delivery still holds
 * @param privateKeys {@code <key id>:<base64url>} each, the current key first, then retiring keys
 * @param privateKeyFile a file of private keys, one a line (blank lines and {@code #} comments ignored)
 */
@ConfigurationProperties("deskpost.credentials")
public record CredentialProperties(List<String> publicKeys, List<String> privateKeys, Path privateKeyFile) {

    public CredentialProperties {
        // An unset environment variable binds as one blank entry.
        publicKeys = nonBlank(publicKeys);
        privateKeys = nonBlank(privateKeys);
    }

    public CredentialSealer sealer() {
        return new CredentialSealer(publicKeys.stream()
                .map(key -> CredentialKeys.parsePublic(key, "deskpost.credentials.public-keys")).toList());
    }

    public CredentialOpener opener() {
        if (privateKeyFile != null && !privateKeys.isEmpty()) {
            throw new IllegalArgumentException("deskpost.credentials: set private-keys or private-key-file, not both");
        }
        List<String> texts = privateKeys;
        String setting = "deskpost.credentials.private-keys";
        if (privateKeyFile != null) {
            setting = "deskpost.credentials.private-key-file (" + privateKeyFile + ")";
            try {
                texts = Files.readAllLines(privateKeyFile).stream().map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("deskpost.credentials.private-key-file: cannot read " + privateKeyFile, e);
            }
        }
        String where = setting;
        return new CredentialOpener(texts.stream().map(key -> CredentialKeys.parsePrivate(key, where)).toList());
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }
}
