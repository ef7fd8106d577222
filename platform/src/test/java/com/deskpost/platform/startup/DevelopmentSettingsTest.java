package com.deskpost.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.platform.config.DevelopmentSettingsAutoConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DevelopmentSettingsTest {

    @Test
    void aPlaceholderDefaultThatIsADevelopmentKeyIsNamedWithTheVariableThatReplacesIt() {
        // Given a settings file whose secret defaults to a dev-only key
        StandardEnvironment environment = environment(Map.of(), Map.of(
                "deskpost.attestation.secret", "${DESKPOST_ATTESTATION_SECRET:dev-only-attestation-secret}",
                "deskpost.topic-partitions", "3"));

        // When it is judged
        var findings = DevelopmentSettings.in(environment);

        // Then the one setting is named, with its variable
        assertThat(findings).containsExactly(new DevelopmentSettings.Finding("deskpost.attestation.secret",
                "DESKPOST_ATTESTATION_SECRET", DevelopmentSettings.Kind.KEY));
    }

    @Test
    void aClearTextPasswordInAListIsNamedWithItsRelaxedVariable() {
        StandardEnvironment environment = environment(Map.of(), Map.of(
                "deskpost.oversight.agent-gateways[0].password", "{noop}secret"));

        assertThat(DevelopmentSettings.in(environment)).containsExactly(new DevelopmentSettings.Finding(
                "deskpost.oversight.agent-gateways[0].password", "DESKPOST_OVERSIGHT_AGENTGATEWAYS_0_PASSWORD",
                DevelopmentSettings.Kind.CLEAR_PASSWORD));
    }

    @Test
    void aDevelopmentPasswordInsideAKafkaJaasConfigurationIsFoundButNotAWordThatOnlyEndsSo() {
        StandardEnvironment environment = environment(Map.of(), Map.of(
                "spring.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                        + "required username=\"booking-events\" password=\"${DESKPOST_KAFKA_PASSWORD:dev-only-kafka}\";",
                "deskpost.templates.override-dir", "/srv/not-dev-only-templates"));

        assertThat(DevelopmentSettings.in(environment)).extracting(DevelopmentSettings.Finding::property)
                .containsExactly("spring.kafka.properties.sasl.jaas.config");
    }

    @Test
    void aDefaultReplacedThroughItsVariableIsNoLongerFound() {
        // Given the variable of the placeholder and the relaxed variable of another setting are set
        StandardEnvironment environment = environment(
                Map.of("DESKPOST_ATTESTATION_SECRET", "Qk3h1v2S9pX0", "DESKPOST_DELIVERY_UNSUBSCRIBESECRET", "a1b2c3d4e5f6"),
                Map.of("deskpost.attestation.secret", "${DESKPOST_ATTESTATION_SECRET:dev-only-attestation-secret}",
                        "deskpost.delivery.unsubscribe-secret", "dev-only-unsubscribe-secret"));

        // Then nothing is found
        assertThat(DevelopmentSettings.in(environment)).isEmpty();
    }

    @Test
    void aVariableNoSettingsFileNamesIsFoundOnItsOwnAndNotTwiceWhenAFileUsesIt() {
        StandardEnvironment environment = environment(
                Map.of("SPRING_MAIL_PASSWORD", "dev-only-smtp-password", "DESKPOST_OPS_PASSWORD", "{noop}ops"),
                Map.of("deskpost.oversight.staff[0].password", "${DESKPOST_OPS_PASSWORD:{noop}ops}"));

        assertThat(DevelopmentSettings.in(environment)).extracting(DevelopmentSettings.Finding::property)
                .containsExactlyInAnyOrder("SPRING_MAIL_PASSWORD", "deskpost.oversight.staff[0].password");
    }

    @Test
    void theGuardRefusesOutsideTheDevProfileNamingEverySettingButNoValue() {
        StandardEnvironment environment = environment(Map.of(), Map.of(
                "deskpost.oversight.staff[0].password", "{noop}s3cr3t-ops",
                "deskpost.api.clients[0].key", "dev-only-api-key-77x"));

        DevelopmentSettingsRefused refused = catchThrowableOfType(DevelopmentSettingsRefused.class,
                () -> DevelopmentSettingsGuard.check(environment));

        assertThat(refused.getMessage()).contains("deskpost.oversight.staff[0].password",
                        "DESKPOST_OVERSIGHT_STAFF_0_PASSWORD", "deskpost.api.clients[0].key", "DESKPOST_API_CLIENTS_0_KEY")
                .doesNotContain("s3cr3t", "77x");
        FailureAnalysis analysis = new DevelopmentSettingsFailureAnalyzer().analyze(refused);
        assertThat(analysis.getDescription()).contains("deskpost.api.clients[0].key");
        assertThat(analysis.getAction()).contains("openssl rand -base64 32", "htpasswd -nbBC 12", "SPRING_PROFILES_ACTIVE=dev");
    }

    @Test
    void theGuardLetsTheDevProfileStartOnDevelopmentValues() {
        StandardEnvironment environment = environment(Map.of(), Map.of("deskpost.api.clients[0].key", "dev-only-api-key"));
        environment.setActiveProfiles("production", DevelopmentSettings.PROFILE);

        assertThatNoException().isThrownBy(() -> DevelopmentSettingsGuard.check(environment));
    }

    @Test
    void theActuatorKeyDefaultOfThePlatformIsASettingTheGuardSees() {
        StandardEnvironment environment = environment(Map.of(), Map.of());
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(DevelopmentSettings.in(environment)).extracting(DevelopmentSettings.Finding::property)
                .containsExactly("deskpost.actuator.key");
        assertThat(environment.getProperty("deskpost.actuator.key")).isEqualTo("dev-only-actuator-key");
    }

    @Test
    void anApplicationOutsideTheDevProfileDoesNotStartOnADevelopmentSecret() {
        // When an application with the platform's auto-configuration starts in production on a dev-only secret
        DevelopmentSettingsRefused refused = catchThrowableOfType(DevelopmentSettingsRefused.class,
                () -> application().run("--spring.profiles.active=production", "--spring.main.banner-mode=off",
                        "--deskpost.pseudonym.secret=dev-only-pseudonym-secret"));

        // Then it is refused, naming the secret and the platform's own actuator key
        assertThat(refused.findings()).extracting(DevelopmentSettings.Finding::property)
                .contains("deskpost.pseudonym.secret", "deskpost.actuator.key");

        // And with the dev profile it starts
        application().run("--spring.profiles.active=dev", "--spring.main.banner-mode=off",
                "--deskpost.pseudonym.secret=dev-only-pseudonym-secret").close();
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GuardedApplication.class).web(WebApplicationType.NONE).logStartupInfo(false);
    }

    /** An environment with only these variables and this settings file (not the test JVM's own). */
    private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> settingsFile) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(variables)));
        environment.getPropertySources().addLast(new MapPropertySource("service.yml", new LinkedHashMap<>(settingsFile)));
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(environment);
        return environment;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DevelopmentSettingsAutoConfiguration.class)
    static class GuardedApplication {
    }
}
