package com.deskpost.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.schemas.json.AvroJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling and exit codes, where no component needs to answer (an unreachable one gets 3). */
class OpsCliTest {

    // Nothing listens on port 1: connections are refused at once.
    private static final String NO_KAFKA = "--bootstrap-servers=localhost:1";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noSubcommandIsAUsageError() {
        Result result = run();
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("Name a subcommand");
    }

    @Test
    void unknownOptionIsAUsageErrorNamingTheHelp() {
        Result result = run("tail", "--topic", "facility.bookings", "--bogus");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--bogus").contains("deskpost-ops tail --help");
    }

    @Test
    void tailRefusesBothStartingPoints() {
        Result result = run("tail", "--topic", "t", "--from-beginning", "--last", "3", NO_KAFKA);
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("Pass either --from-beginning or --last N, not both.");
    }

    @Test
    void redriveChecksItsArgumentsBeforeConnecting() {
        assertThat(run("redrive", "--from", "facility.bookings", NO_KAFKA).err()).contains("ending in .dlq");
        assertThat(run("redrive", "--from", "facility.bookings.dlq", "--limit", "0", NO_KAFKA).code()).isEqualTo(2);
        assertThat(run("redrive", "--from", "facility.bookings.dlq", "--to", "x.dlq", NO_KAFKA).code()).isEqualTo(2);
        assertThat(run("redrive", "--from", "facility.bookings.dlq", "--batch-size", "0", NO_KAFKA).code())
                .isEqualTo(2);
    }

    @Test
    void unreachableKafkaExitsThreeWithOneSentence() {
        Result result = run("tail", "--topic", "facility.bookings", NO_KAFKA);
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).startsWith("Cannot reach Kafka at localhost:1").contains("--bootstrap-servers");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void unreachableAuditServiceExitsThree() {
        Result result = run("verify-audit", "--audit-url", "http://localhost:1", "--api-key", "k-0123456789abcdef");
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("Cannot reach audit-service at http://localhost:1").contains("--audit-url");
    }

    @Test
    void publishOfAnInvalidDocumentNamesTheFieldPathAndExitsTwoBeforeConnecting() throws Exception {
        // Given a booking whose member id is a number
        String json = AvroJson.encode(TestEvents.booking("B-1", "M-1")).replace("\"member_id\":\"M-1\"",
                "\"member_id\":42");
        Path file = Files.writeString(dir.resolve("event.json"), json);

        Result result = run("publish", "--topic", "facility.bookings", "--file", file.toString(), NO_KAFKA);

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("$.member_id").contains("nothing was published");
    }

    @Test
    void publishOfMalformedJsonNamesLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"booking_id\": \"B-1\",,\n}");

        Result result = run("publish", "--topic", "facility.bookings", "--file", file.toString(), NO_KAFKA);

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("line 2");
    }

    @Test
    void publishOnlyToFacilityTopicsAndFromOneSource() throws Exception {
        Path file = Files.writeString(dir.resolve("e.json"), "{}");
        assertThat(run("publish", "--topic", "mail.drafts", "--file", file.toString()).err())
                .contains("not a facility topic").contains("facility.bookings");
        assertThat(run("publish", "--topic", "facility.bookings", "--file", file.toString(), "-").err())
                .contains("not both");
        assertThat(run("publish", "--topic", "facility.bookings").err()).contains("--file event.json");
        assertThat(run("publish", "--topic", "facility.bookings", "--file", dir.resolve("none.json").toString())
                .code()).isEqualTo(2);
    }

    @Test
    void unreadableCommandConfigIsAUsageError() {
        Result result = run("tail", "--topic", "t", "--command-config", dir.resolve("missing.properties").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--command-config");
    }

    @Test
    void historyNeedsADraftId() {
        Result result = run("history");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("DRAFT_ID");
    }
}
