package com.deskpost.oversight.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.OversightMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The policy only works if the configured keys reach it verbatim: a location id or event type
 * that binds under another spelling never matches a draft, and its mode silently does not apply.
 */
class OversightPropertiesBindingTest {

    @Test
    void theShippedConfigurationHasTheDocumentedDefaults() throws IOException {
        // When
        OversightProperties properties = bind(new ClassPathResource("oversight-service.yml"));

        // Then: README's configuration table
        assertThat(properties.defaultMode()).isEqualTo(OversightMode.MONITORED);
        assertThat(properties.mailboxModes()).isEmpty();
        assertThat(properties.eventTypeFloors()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "master_keycode_reset", OversightMode.GATED_SEND,
                "after_hours_override", OversightMode.GATED_SEND,
                "inquiry_reply", OversightMode.GATED_ALL));
        assertThat(properties.holdExpiry()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void locationIdsAndEventTypesBindVerbatimFromYaml() throws IOException {
        // Given
        String yaml = """
                deskpost:
                  oversight:
                    default-mode: autonomous
                    mailbox-modes:
                      LDN-1: gated_send
                      SFO-1: monitored
                    event-type-floors:
                      door_code_issued: gated_all
                    hold-expiry: 90m
                """;

        // When
        OversightProperties properties = bind(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(properties.defaultMode()).isEqualTo(OversightMode.AUTONOMOUS);
        assertThat(properties.mailboxModes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("LDN-1", OversightMode.GATED_SEND, "SFO-1", OversightMode.MONITORED));
        assertThat(properties.eventTypeFloors()).containsExactlyEntriesOf(Map.of("door_code_issued", OversightMode.GATED_ALL));
        assertThat(properties.holdExpiry()).isEqualTo(Duration.ofMinutes(90));
    }

    private static OversightProperties bind(Resource yaml) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        // Only the given file: the build machine's own environment must not change the outcome.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        new YamlPropertySourceLoader().load("test", yaml).forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("deskpost.oversight", OversightProperties.class)
                .orElseThrow(() -> new AssertionError("nothing bound under deskpost.oversight"));
    }
}
