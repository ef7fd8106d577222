package com.deskpost.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.access.AccessEventsApplication;
import com.deskpost.audit.AuditApplication;
import com.deskpost.billing.BillingEventsApplication;
import com.deskpost.booking.BookingEventsApplication;
import com.deskpost.community.CommunityEventsApplication;
import com.deskpost.delivery.DeliveryApplication;
import com.deskpost.ingest.IngestApplication;
import com.deskpost.mcp.McpServerApplication;
import com.deskpost.oversight.OversightApplication;
import com.deskpost.platform.startup.DevelopmentSettings;
import com.deskpost.platform.startup.DevelopmentSettingsRefused;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every service, started as it is deployed but outside the dev profile on its own settings file's
 * defaults, refuses to start, and its start-up report names each development setting with the
 * environment variable that replaces it, and how to make a real one, without showing a value. The guard
 * runs before any bean is made, so no broker or database is needed to see it. (That each service passes
 * the guard once its secrets are replaced is shown by ComposeConformanceTest, on the compose file.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartRefusalTest {

    private static final String ACTUATOR_KEY = "deskpost.actuator.key (environment variable DESKPOST_ACTUATOR_KEY)";
    private static final String ATTESTATION_SECRET =
            "deskpost.attestation.secret (environment variable DESKPOST_ATTESTATION_SECRET)";
    private static final String PSEUDONYM_SECRET = "deskpost.pseudonym.secret (environment variable DESKPOST_PSEUDONYM_SECRET)";

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aServiceRefusesEveryDevelopmentDefaultOutsideTheDevProfile(String name, Supplier<SpringApplicationBuilder> service,
            List<String> named, CapturedOutput output) {
        // When the service starts in a production profile on its defaults
        DevelopmentSettingsRefused refused = catchThrowableOfType(DevelopmentSettingsRefused.class,
                () -> service.get().run("--spring.profiles.active=production", "--spring.main.banner-mode=off",
                        "--server.port=0").close());

        // Then it is refused, naming each development setting and its variable
        assertThat(refused).as(name + " refused").isNotNull();
        // (at least these: a secret added later with a dev-only- default is refused as well)
        List<String> lines = refused.findings().stream().map(DevelopmentSettings.Finding::describe).toList();
        assertThat(named).allSatisfy(setting -> assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(setting)));
        // And the report at the top of its log says what to do, with no value in it
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START", "openssl rand -base64 32",
                "SPRING_PROFILES_ACTIVE=dev").contains(named)
                .doesNotContain("dev-only-actuator-key", "dev-only-db-password", "{noop}ops", "dev-only-api-key");
    }

    static Stream<Arguments> services() {
        return Stream.of(
                service("booking-events", BookingEventsApplication::builder, ACTUATOR_KEY),
                service("billing-events", BillingEventsApplication::builder, ACTUATOR_KEY),
                service("access-events", AccessEventsApplication::builder, ACTUATOR_KEY,
                        "deskpost.credentials.public-keys (environment variable DESKPOST_CREDENTIAL_PUBLIC_KEYS)"),
                service("community-events", CommunityEventsApplication::builder, ACTUATOR_KEY,
                        "deskpost.community.inbound.webhook-key (environment variable DESKPOST_INBOUND_WEBHOOK_KEY)",
                        PSEUDONYM_SECRET),
                service("oversight-service", OversightApplication::builder, ACTUATOR_KEY,
                        "spring.datasource.password (environment variable SPRING_DATASOURCE_PASSWORD)",
                        "deskpost.oversight.staff[0].password (environment variable DESKPOST_OPS_PASSWORD)",
                        "deskpost.oversight.agent-gateways[0].password (environment variable "
                                + "DESKPOST_MCP_GATEWAY_PASSWORD_HASH)",
                        "deskpost.oversight.decision-keys[0].secret (environment variable DESKPOST_DECISION_KEY_SECRET)",
                        ATTESTATION_SECRET, PSEUDONYM_SECRET),
                service("delivery-service", DeliveryApplication::builder, ACTUATOR_KEY,
                        "spring.datasource.password (environment variable SPRING_DATASOURCE_PASSWORD)",
                        "deskpost.api.clients[0].key (environment variable DESKPOST_API_KEY)",
                        "deskpost.api.clients[1].key (environment variable DESKPOST_MCP_API_KEY)",
                        "deskpost.delivery.unsubscribe-secret (environment variable DESKPOST_UNSUBSCRIBE_SECRET)",
                        "deskpost.credentials.private-keys (environment variable DESKPOST_CREDENTIAL_PRIVATE_KEYS)",
                        "deskpost.feedback.return-path-secret (environment variable DESKPOST_FEEDBACK_RETURN_PATH_SECRET)",
                        ATTESTATION_SECRET, PSEUDONYM_SECRET),
                service("audit-service", AuditApplication::builder, ACTUATOR_KEY,
                        "spring.datasource.password (environment variable SPRING_DATASOURCE_PASSWORD)",
                        "deskpost.api.clients[0].key (environment variable DESKPOST_API_KEY)",
                        "deskpost.api.clients[1].key (environment variable DESKPOST_MCP_API_KEY)",
                        "deskpost.audit.checkpoint.secret (environment variable DESKPOST_AUDIT_CHECKPOINT_SECRET)",
                        PSEUDONYM_SECRET),
                service("mcp-server", McpServerApplication::builder, ACTUATOR_KEY,
                        "deskpost.mcp.oversight.password (environment variable DESKPOST_MCP_GATEWAY_PASSWORD)",
                        "deskpost.mcp.delivery.api-key (environment variable DESKPOST_MCP_API_KEY)",
                        "deskpost.mcp.audit.api-key (environment variable DESKPOST_MCP_API_KEY)",
                        "deskpost.mcp.agents[0].key (environment variable DESKPOST_MCP_FRONT_DESK_KEY)",
                        "deskpost.mcp.agents[1].key (environment variable DESKPOST_MCP_REVIEWER_KEY)",
                        "deskpost.credentials.public-keys (environment variable DESKPOST_CREDENTIAL_PUBLIC_KEYS)"),
                service("ingest-service", IngestApplication::builder, ACTUATOR_KEY,
                        "deskpost.ingest.clients[0].key (environment variable DESKPOST_INGEST_API_KEY)",
                        "deskpost.ingest.clients[0].hmac-secret (environment variable DESKPOST_INGEST_HMAC_SECRET)",
                        "deskpost.ingest.officernd.webhook-secret (environment variable "
                                + "DESKPOST_INGEST_OFFICERND_WEBHOOK_SECRET)",
                        "deskpost.ingest.stripe.webhook-secrets (environment variable "
                                + "DESKPOST_INGEST_STRIPE_WEBHOOK_SECRET)",
                        "deskpost.ingest.cobot.access-token (environment variable DESKPOST_INGEST_COBOT_ACCESS_TOKEN)",
                        "deskpost.ingest.cobot.webhook-token (environment variable DESKPOST_INGEST_COBOT_WEBHOOK_TOKEN)",
                        "deskpost.ingest.kisi.signature-key (environment variable "
                                + "DESKPOST_INGEST_KISI_SIGNATURE_KEY)",
                        "deskpost.ingest.brivo.webhook-token (environment variable "
                                + "DESKPOST_INGEST_BRIVO_WEBHOOK_TOKEN)",
                        "deskpost.credentials.public-keys (environment variable DESKPOST_CREDENTIAL_PUBLIC_KEYS)"));
    }

    private static Arguments service(String name, Supplier<SpringApplicationBuilder> builder, String... named) {
        return Arguments.of(name, builder, List.of(named));
    }
}
