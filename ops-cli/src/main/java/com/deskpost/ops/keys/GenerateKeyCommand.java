package com.deskpost.ops.keys;

import com.deskpost.ops.OpsFailure;
import com.deskpost.platform.credential.CredentialKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Makes a new credential key pair (X25519, {@link CredentialKeys#SUITE}). The private key goes to a new
 * file only its owner can read (never overwriting one: that would lose a key mail may still be sealed
 * under), or, without {@code --private-key-file}, to standard output with a warning; the public key
 * always to standard output, alone on its line, so a script can take it. Nothing is sent anywhere.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a credential key pair. The public key (<key id>:<base64url>) is printed on standard"
                + " output: set it first in DESKPOST_CREDENTIAL_PUBLIC_KEYS of the services that seal and publish it"
                + " to facility systems. The private key is written to --private-key-file (owner read/write only)"
                + " for delivery's DESKPOST_CREDENTIAL_PRIVATE_KEY_FILE; without that option it is printed too.",
                "Rotation: generate a key with a new id, give delivery both private keys (new first) before the"
                        + " sealing services switch, and retire the old one once no mail sealed under it is in flight."})
public final class GenerateKeyCommand implements Callable<Integer> {

    private static final String DEVELOPMENT_PREFIX = "dev-only-";

    @Spec
    CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "KEY_ID",
            description = "The key's id, e.g. 2027-01 (letters, digits, '.', '_', '-'; at most 64); sealed values name it.")
    String id;

    @Option(names = "--private-key-file", paramLabel = "FILE",
            description = "Write the private key to this new file, readable by its owner only (it must not exist).")
    Path privateKeyFile;

    @Override
    public Integer call() {
        if (id.startsWith(DEVELOPMENT_PREFIX)) {
            throw OpsFailure.usage("--id " + id + " starts with " + DEVELOPMENT_PREFIX + ", which every service refuses"
                    + " outside the dev profile: choose another id, e.g. the month it comes into use (2027-01).");
        }
        CredentialKeys.PrivateKey key;
        try {
            key = CredentialKeys.generate(id);
        } catch (IllegalArgumentException badId) {
            String why = badId.getMessage();
            throw OpsFailure.usage("--id " + id + " is not a key id: " + why.substring(why.indexOf(": ") + 2) + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (privateKeyFile != null) {
            write(key);
            err.println("Private key " + id + " written to " + privateKeyFile + " (owner read/write only): give it to"
                    + " delivery alone (DESKPOST_CREDENTIAL_PRIVATE_KEY_FILE), keep a copy offline, never commit it.");
        } else {
            err.println("WARNING: the private key is printed on standard output, the line after the public key."
                    + " Anyone who reads it can open every door code sealed under " + id + ": move it straight into"
                    + " delivery's secret store (DESKPOST_CREDENTIAL_PRIVATE_KEYS) and clear your terminal history;"
                    + " --private-key-file writes it to an owner-only file instead.");
        }
        out.println(key.publicKey().text());
        if (privateKeyFile == null) {
            out.println(key.text());
        }
        out.flush();
        return 0;
    }

    private void write(CredentialKeys.PrivateKey key) {
        String text = "# Deskpost credential private key " + key.id() + ", generated " + Instant.now()
                + ". Delivery only (DESKPOST_CREDENTIAL_PRIVATE_KEY_FILE); list the current key first.\n"
                + key.text() + "\n";
        try {
            createOwnerOnly(privateKeyFile);
            try (Writer writer = Files.newBufferedWriter(privateKeyFile, StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(text);
            }
        } catch (FileAlreadyExistsException exists) {
            throw OpsFailure.usage(privateKeyFile + " already exists: a key file is never overwritten (mail may still"
                    + " be sealed under the key in it). Name a new file.");
        } catch (IOException e) {
            throw OpsFailure.usage("Cannot write the private key to " + privateKeyFile + " (" + e.getMessage()
                    + "): check the directory exists and is writable.");
        }
    }

    /** Created with its permissions, so the key is never readable by others, not even for a moment. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: no POSIX modes; restrict what the file system allows.
            Files.createFile(file);
            java.io.File handle = file.toFile();
            boolean restricted = handle.setReadable(false, false) && handle.setReadable(true, true)
                    && handle.setWritable(false, false) && handle.setWritable(true, true);
            if (!restricted) {
                throw new IOException("cannot restrict its permissions to the owner");
            }
        }
    }
}
