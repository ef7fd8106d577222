package com.deskpost.ops.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.ops.OpsCli;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialProperties;
import com.deskpost.platform.credential.CredentialSealer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops-cli keys generate: a usable pair, the private half in an owner-only file or shown with a warning. */
class GenerateKeyCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesThePrivateKeyToAnOwnerOnlyFileAndPrintsOnlyThePublicKey() throws Exception {
        Path file = dir.resolve("delivery-credential-keys");

        Result result = run("keys", "generate", "--id", "2027-01", "--private-key-file", file.toString());

        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).singleElement().asString().startsWith("2027-01:");
        assertThat(result.err()).contains("written to " + file, "DESKPOST_CREDENTIAL_PRIVATE_KEY_FILE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // The pair works as the services use it: sealed with the printed public key, opened from the file
        CredentialSealer sealer = new CredentialProperties(List.of(result.out().strip()), null, null).sealer();
        CredentialOpener opener = new CredentialProperties(null, null, file).opener();
        assertThat(opener.open(sealer.seal("4821-7730", "LDN", "ADA"), "LDN", "ADA")).isEqualTo("4821-7730");
        assertThat(result.err()).doesNotContain(Files.readAllLines(file).get(1));
    }

    @Test
    void withoutAFileThePrivateKeyIsPrintedAfterThePublicKeyWithAWarning() {
        Result result = run("keys", "generate", "--id", "2027-02");

        assertThat(result.code()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        CredentialKeys.PrivateKey key = CredentialKeys.parsePrivate(lines.get(1), "test");
        assertThat(key.publicKey().text()).isEqualTo(lines.get(0));
        assertThat(key.id()).isEqualTo("2027-02");
        assertThat(result.err()).startsWith("WARNING: the private key is printed on standard output");
    }

    @Test
    void neverOverwritesAKeyFileAndRefusesBadOrDevelopmentIds() throws Exception {
        Path existing = Files.writeString(dir.resolve("keys"), "2026-12:previous\n");

        Result overwrite = run("keys", "generate", "--id", "2027-01", "--private-key-file", existing.toString());
        assertThat(overwrite.code()).isEqualTo(2);
        assertThat(overwrite.err()).contains("already exists", "never overwritten");
        assertThat(overwrite.out()).isEmpty();
        assertThat(Files.readString(existing)).isEqualTo("2026-12:previous\n");

        Result bad = run("keys", "generate", "--id", "no spaces");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--id no spaces is not a key id: a credential key id is 1 to 64 letters");
        assertThat(run("keys", "generate", "--id", "dev-only-2027").err()).contains("refuses outside the dev profile");
        assertThat(run("keys").code()).isEqualTo(2);
    }
}
