package com.deskpost.ops.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.ops.OpsCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** decide's argument checks: each stops with exit code 2 before anything is published. */
class DecideCommandTest {

    // Nothing listens on port 1: a command that got as far as Kafka would exit 3, not 2.
    private static final String NO_KAFKA = "--bootstrap-servers=localhost:1";
    private static final String SECRET = "unit-decision-key-secret-0123456789abc";

    @TempDir
    Path dir;

    record Result(int code, String err) {
    }

    private static Result run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == DecideCommand.class ? type.cast(new DecideCommand(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        int code = OpsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), factory).execute(args);
        return new Result(code, err.toString());
    }

    @Test
    void withoutASecretInTheEnvironmentOrAFileNothingIsSigned() {
        Result result = run(Map.of(), "decide", NO_KAFKA, "--draft", "d-1", "--action", "approve", "--as", "M-1",
                "--key-id", "ops-cli");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("DESKPOST_DECISION_KEY_SECRET", "--key-file", "never the secret itself");
    }

    @Test
    void aSecretShorterThanOversightAcceptsIsRefused() {
        Result result = run(Map.of(DecideCommand.SECRET_ENV, "too-short"), "decide", NO_KAFKA, "--draft", "d-1",
                "--action", "approve", "--as", "M-1", "--key-id", "ops-cli");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("at least 32");
    }

    @Test
    void aRejectionNeedsAReasonAndEditsNeedEditAndApprove() {
        Map<String, String> env = Map.of(DecideCommand.SECRET_ENV, SECRET);

        Result reject = run(env, "decide", NO_KAFKA, "--draft", "d-1", "--action", "reject", "--as", "M-1",
                "--key-id", "ops-cli");
        Result editWithApprove = run(env, "decide", NO_KAFKA, "--draft", "d-1", "--action", "approve", "--as", "M-1",
                "--subject", "New", "--key-id", "ops-cli");
        Result editWithoutEdit = run(env, "decide", NO_KAFKA, "--draft", "d-1", "--action", "edit-and-approve",
                "--as", "M-1", "--key-id", "ops-cli");

        assertThat(reject.code()).isEqualTo(2);
        assertThat(reject.err()).contains("--reason");
        assertThat(editWithApprove.code()).isEqualTo(2);
        assertThat(editWithApprove.err()).contains("edit-and-approve");
        assertThat(editWithoutEdit.code()).isEqualTo(2);
        assertThat(editWithoutEdit.err()).contains("--subject", "--body-file");
    }

    @Test
    void anUnknownActionIsAUsageError() {
        Result result = run(Map.of(DecideCommand.SECRET_ENV, SECRET), "decide", NO_KAFKA, "--draft", "d-1",
                "--action", "maybe", "--as", "M-1", "--key-id", "ops-cli");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("'maybe' is not an action");
    }

    @Test
    void aValidDecisionGoesAsFarAsKafka() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), SECRET);

        Result result = run(Map.of(), "decide", NO_KAFKA, "--draft", "d-1", "--action", "approve", "--as", "M-1",
                "--key-id", "ops-cli", "--key-file", key.toString());

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("Cannot reach Kafka");
    }
}
