package com.deskpost.ops;

import com.deskpost.ops.audit.HistoryCommand;
import com.deskpost.ops.audit.VerifyAuditCommand;
import com.deskpost.ops.decide.DecideCommand;
import com.deskpost.ops.directory.ImportDirectoryCommand;
import com.deskpost.ops.keys.KeysCommand;
import com.deskpost.ops.publish.PublishCommand;
import com.deskpost.ops.redrive.RedriveCommand;
import com.deskpost.ops.senders.ResumeSenderCommand;
import com.deskpost.ops.tail.TailCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operations CLI: one executable jar with a subcommand per task. Exit codes: 0 ok, 1 the
 * check failed, 2 usage or input error, 3 a component cannot be reached; every error is one
 * sentence on standard error saying what to do.
 */
@Command(name = "deskpost-ops", mixinStandardHelpOptions = true, version = "deskpost-ops 0.1.0",
        description = "Deskpost operations: publish, tail and redrive topics; decide on a held draft; verify the audit"
                + " chain; show a draft's history; generate credential keys; resume a paused sender domain.",
        subcommands = {PublishCommand.class, TailCommand.class, RedriveCommand.class, VerifyAuditCommand.class,
                HistoryCommand.class, DecideCommand.class, KeysCommand.class, ResumeSenderCommand.class,
                ImportDirectoryCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the check failed (e.g. audit chain broken)", "2:usage or input error",
                "3:a component cannot be reached"})
public final class OpsCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before any logger exists: Kafka's clients log at INFO to standard out otherwise, mixed with the output.
        System.setProperty("logback.configurationFile", "ops-cli-logback.xml");
        int code = run(System.out, System.err, args);
        System.exit(code);
    }

    /** Runs one command line as a user would type it, writing to the given streams; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        int code = commandLine(outWriter, errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /** The command line, wired to the given writers, with Deskpost's exit codes and error handling. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, CommandLine.defaultFactory());
    }

    /** As {@link #commandLine(PrintWriter, PrintWriter)}, with subcommands made by the factory (tests give them an environment). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new OpsCli(), factory);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof OpsFailure failure) {
                line.getErr().println(failure.getMessage());
                return failure.exitCode();
            }
            line.getErr().println("Unexpected error: " + exception
                    + " (this is a bug in deskpost-ops; the stack trace follows for the report).");
            exception.printStackTrace(line.getErr());
            return OpsFailure.CHECK_FAILED;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine line = exception.getCommandLine();
            line.getErr().println(exception.getMessage() + " (see '" + line.getCommandSpec().qualifiedName()
                    + " --help').");
            return OpsFailure.USAGE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Name a subcommand: publish, tail, redrive, decide, verify-audit, history, keys or resume-sender");
    }
}
