package com.deskpost.devstack.compose;

import com.deskpost.devstack.compose.ComposeFile.Service;
import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.testsupport.AclMatrix;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml runs Kafka as DESIGN section 4 says: every listener requires a login, the broker denies
 * what no ACL allows, kafka-principals gives every principal of the ACL matrix a password and reads the
 * matrix file itself, and each service, the console and the registry log in as their own principal with
 * that password. The registry requires basic auth and the services send its login.
 */
final class KafkaSecurity {

    static final String PRINCIPALS = "kafka-principals";
    static final String MATRIX_FILE = "platform/src/main/resources/deskpost/kafka-acls.txt";
    private static final Pattern JAAS_LOGIN = Pattern.compile("username=\"([^\"]*)\"\\s+password=\"([^\"]*)\"");

    private final ComposeConformance check;
    private final AclMatrix matrix = AclMatrix.parse(ComposeConformance.read(MATRIX_FILE));

    KafkaSecurity(ComposeConformance check) {
        this.check = check;
    }

    void check() {
        broker();
        Map<String, String> passwords = principalPasswords();
        for (String name : ComposeConformance.SERVICES) {
            ServiceConfig config = check.configs.get(name);
            if (config == null) {
                continue;
            }
            check.expect(name, "depends_on kafka-principals",
                    check.compose.service(name).dependsOn(PRINCIPALS).orElse(null), "service_completed_successfully");
            check.expect(name, "spring.kafka.security.protocol", config.get("spring.kafka.security.protocol").orElse(null),
                    "SASL_PLAINTEXT");
            check.expect(name, "spring.kafka.properties.sasl.mechanism",
                    config.get("spring.kafka.properties.sasl.mechanism").orElse(null), "SCRAM-SHA-512");
            login(name, config.get("spring.kafka.properties.sasl.jaas.config"), name, passwords);
            try {
                PlatformProperties platform = config.bind("deskpost.kafka", PlatformProperties.class);
                check.expect(name, "deskpost.kafka.schema-registry-user-info", platform.schemaRegistryUserInfo(),
                        registryLogin());
            } catch (RuntimeException invalid) {
                // ComposeConformance reports a deskpost.kafka that does not bind.
            }
        }
        Map<String, String> console = check.compose.service("kafka-ui").environment();
        login("kafka-ui", Optional.ofNullable(console.get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG")), "console",
                passwords);
        check.expect("kafka-ui", "KAFKA_CLUSTERS_0_READONLY", console.get("KAFKA_CLUSTERS_0_READONLY"), "true");
        check.expect("kafka-ui", "registry login", console.get("KAFKA_CLUSTERS_0_SCHEMAREGISTRYAUTH_USERNAME") + ":"
                + console.get("KAFKA_CLUSTERS_0_SCHEMAREGISTRYAUTH_PASSWORD"), registryLogin());
        login(Infrastructure.REGISTRY, Optional.ofNullable(check.compose.service(Infrastructure.REGISTRY).environment()
                .get("SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG")), "schema-registry", passwords);
    }

    private void broker() {
        Map<String, String> kafka = check.compose.service(Infrastructure.KAFKA).environment();
        for (String listener : kafka.getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "").split(",")) {
            if (!listener.endsWith(":SASL_PLAINTEXT") && !listener.endsWith(":SASL_SSL")) {
                check.problem(Infrastructure.KAFKA, "listener " + listener + " takes clients without a login");
            }
        }
        check.expect(Infrastructure.KAFKA, "KAFKA_AUTHORIZER_CLASS_NAME", kafka.get("KAFKA_AUTHORIZER_CLASS_NAME"),
                "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        check.expect(Infrastructure.KAFKA, "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND",
                kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"), "false");
    }

    /** Principal to the password kafka-principals gives it; a principal of the matrix without one is a problem. */
    private Map<String, String> principalPasswords() {
        Service principals = check.compose.service(PRINCIPALS);
        if (!principals.mountSource("/opt/deskpost/kafka-acls.txt").map(source -> source.endsWith(MATRIX_FILE)).orElse(false)) {
            check.problem(PRINCIPALS, "does not mount " + MATRIX_FILE + " at /opt/deskpost/kafka-acls.txt");
        }
        Map<String, String> environment = principals.environment();
        Map<String, String> passwords = new TreeMap<>();
        for (String principal : matrix.principals()) {
            String variable = passwordVariable(principal);
            String password = environment.get(variable);
            if (password == null || password.isBlank()) {
                check.problem(PRINCIPALS, "principal " + principal + " of the ACL matrix has no password " + variable);
            } else {
                passwords.put(principal, password);
            }
        }
        return passwords;
    }

    private void login(String service, Optional<String> jaas, String principal, Map<String, String> passwords) {
        Matcher login = JAAS_LOGIN.matcher(jaas.orElse(""));
        if (!login.find()) {
            check.problem(service, "logs in to Kafka with no SCRAM username and password");
            return;
        }
        check.expect(service, "Kafka principal", login.group(1), principal);
        if (!login.group(2).equals(passwords.get(principal))) {
            check.problem(service, "Kafka password of " + login.group(1) + " is not the one kafka-principals sets ("
                    + passwordVariable(principal) + ")");
        }
    }

    private String registryLogin() {
        Map<String, String> registry = check.compose.service(Infrastructure.REGISTRY).environment();
        return registry.get("DESKPOST_SCHEMA_REGISTRY_USER") + ":" + registry.get("DESKPOST_SCHEMA_REGISTRY_PASSWORD");
    }

    /** As docker/kafka/create-principals.sh names it. */
    static String passwordVariable(String principal) {
        return "DESKPOST_KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
