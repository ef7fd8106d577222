package com.deskpost.ops.keys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The keys subcommand: Deskpost's credential keys (docs/sealed-credentials.md). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Deskpost's credential keys: the public key seals door codes and keycodes (composers, facility"
                + " systems), the private key opens them (delivery only).",
        subcommands = GenerateKeyCommand.class)
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a keys subcommand: generate");
    }
}
