package com.deskpost.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.testsupport.AclMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/kafka/create-principals.sh creates exactly the principals and ACLs of the matrix the tests' broker
 * uses (platform's deskpost/kafka-acls.txt, read by {@link AclMatrix}), logged in as the broker's super
 * user. It runs here as in its container, with stand-ins for kafka-configs.sh and kafka-acls.sh that record
 * how they were called.
 */
class PrincipalScriptTest {

    private static final AclMatrix MATRIX = AclMatrix.parse(ComposeConformance.read(KafkaSecurity.MATRIX_FILE));

    @TempDir
    Path bin;

    @Test
    void everyPrincipalGetsItsOwnScramPassword() throws Exception {
        Map<String, String> passwords = new HashMap<>();
        MATRIX.principals().forEach(principal -> passwords.put(principal, "pw-" + principal.hashCode()));

        List<Call> calls = run(passwords());

        Map<String, String> scram = calls.stream().filter(call -> call.tool().equals("kafka-configs.sh"))
                .collect(Collectors.toMap(call -> call.option("--entity-name"), call -> call.option("--add-config")));
        assertThat(scram.keySet()).containsExactlyInAnyOrderElementsOf(MATRIX.principals());
        scram.forEach((principal, config) -> assertThat(config).as(principal)
                .isEqualTo("SCRAM-SHA-512=[iterations=8192,password=" + passwords.get(principal) + "]"));
    }

    @Test
    void theAclsAreExactlyTheMatrixTheTestsUse() throws Exception {
        List<Call> calls = run(passwords());

        Set<String> created = new HashSet<>();
        for (Call call : calls) {
            if (call.tool().equals("kafka-acls.sh")) {
                assertThat(call.arguments()).contains("--add");
                for (String operation : call.options("--operation")) {
                    created.add(String.join(" ", call.option("--allow-principal"),
                            operation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT),
                            resource(call), call.option("--resource-pattern-type").toUpperCase(Locale.ROOT)));
                }
            }
        }
        Set<String> expected = MATRIX.bindings().stream().map(PrincipalScriptTest::describe).collect(Collectors.toSet());
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyCallLogsInAsTheSuperUser() throws Exception {
        List<Call> calls = run(passwords());

        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.option("--bootstrap-server")).isEqualTo("kafka:29092");
            assertThat(call.option("--command-config")).isNotNull();
        });
        assertThat(Files.readString(bin.resolve("admin.properties")))
                .contains("security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN",
                        "username=\"admin\" password=\"admin-secret\"");
    }

    @Test
    void aMissingPasswordStopsTheScriptBeforeItChangesAnything() throws Exception {
        Map<String, String> passwords = passwords();
        passwords.remove(KafkaSecurity.passwordVariable("console"));

        stubs();
        int code = exitCode(passwords);

        assertThat(code).isNotZero();
        assertThat(Files.readString(bin.resolve("output"))).contains("DESKPOST_KAFKA_PASSWORD_CONSOLE");
        assertThat(bin.resolve("calls")).doesNotExist();
    }

    private static String describe(AclBinding binding) {
        return String.join(" ", binding.entry().principal(), binding.entry().operation().name(),
                binding.pattern().resourceType().name() + ":" + binding.pattern().name(),
                binding.pattern().patternType().name());
    }

    private static String resource(Call call) {
        for (String[] flag : new String[][] {{"--topic", "TOPIC"}, {"--group", "GROUP"},
                {"--transactional-id", "TRANSACTIONAL_ID"}}) {
            if (call.option(flag[0]) != null) {
                return flag[1] + ":" + call.option(flag[0]);
            }
        }
        return call.arguments().contains("--cluster") ? "CLUSTER:" + AclMatrix.CLUSTER_NAME : "NONE";
    }

    /** A password for every principal, as docker-compose.yml hands them to the script. */
    private static Map<String, String> passwords() {
        Map<String, String> passwords = new HashMap<>();
        MATRIX.principals().forEach(principal ->
                passwords.put(KafkaSecurity.passwordVariable(principal), "pw-" + principal.hashCode()));
        return passwords;
    }

    private List<Call> run(Map<String, String> passwordsByVariable) throws Exception {
        stubs();
        assertThat(exitCode(passwordsByVariable)).as(Files.readString(bin.resolve("output"))).isZero();
        List<Call> calls = new ArrayList<>();
        for (String line : Files.readAllLines(bin.resolve("calls"))) {
            if (line.startsWith(">")) {
                calls.add(new Call(line.substring(1), new ArrayList<>()));
            } else {
                calls.get(calls.size() - 1).arguments().add(line);
            }
        }
        return calls;
    }

    /** Stand-ins for the Kafka tools: record their arguments, one per line; keep a copy of the login file. */
    private void stubs() throws IOException {
        for (String tool : List.of("kafka-configs.sh", "kafka-acls.sh")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\n{ echo '>" + tool + "'; printf '%s\\n' \"$@\"; } >> \""
                    + bin.resolve("calls") + "\"\n"
                    + "while [ $# -gt 0 ]; do [ \"$1\" = --command-config ] && cp \"$2\" \"" + bin.resolve("admin.properties")
                    + "\"; shift; done\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private int exitCode(Map<String, String> passwords) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", Repository.file("docker/kafka/create-principals.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(bin.resolve("output").toFile());
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().put("DESKPOST_ACL_MATRIX", Repository.file(KafkaSecurity.MATRIX_FILE).toString());
        builder.environment().put("DESKPOST_KAFKA_ADMIN_PASSWORD", "admin-secret");
        builder.environment().putAll(passwords);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("create-principals.sh did not finish");
        }
        return process.exitValue();
    }

    /** One call of a Kafka tool. */
    private record Call(String tool, List<String> arguments) {

        String option(String name) {
            int at = arguments.indexOf(name);
            return at < 0 ? null : arguments.get(at + 1);
        }

        List<String> options(String name) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < arguments.size() - 1; i++) {
                if (arguments.get(i).equals(name)) {
                    values.add(arguments.get(i + 1));
                }
            }
            return values;
        }
    }
}
