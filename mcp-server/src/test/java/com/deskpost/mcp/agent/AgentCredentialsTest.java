package com.deskpost.mcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.mcp.McpProperties;
import com.deskpost.mcp.agent.AgentCredentials.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** Credentials are checked before the server starts: separation of duties is a start-up condition. */
class AgentCredentialsTest {

    private static final String KEY = "a-key-of-sixteen-chars";

    @Test
    void aCredentialHoldingSendAndOversightStopsTheServerWithAMessageNamingIt() {
        // Given
        List<Credential> credentials = List.of(new Credential("all-powerful", KEY, List.of("send", "oversight")));

        // When / Then
        assertThatThrownBy(() -> AgentCredentials.of(credentials))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deskpost.mcp.agents[0] (all-powerful)")
                .hasMessageContaining("holds both send and oversight")
                .hasMessageContaining("Split it into two credentials");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        // Given
        List<Credential> credentials = List.of(
                new Credential("short", "too-short", List.of("read")),
                new Credential("bad id!", KEY + "1", List.of("read")),
                new Credential("twin", KEY + "2", List.of("read")),
                new Credential("twin", KEY + "3", List.of("read")),
                new Credential("copycat", KEY + "3", List.of("read")),
                new Credential("no-scope", KEY + "4", List.of()),
                new Credential("typo", KEY + "5", List.of("sned")));

        // When / Then
        assertThatThrownBy(() -> AgentCredentials.of(credentials))
                .hasMessageContaining("[0] (short): key must be at least 16 characters")
                .hasMessageContaining("[1] (bad id!): id must be")
                .hasMessageContaining("[3] (twin): id is used by another credential")
                .hasMessageContaining("[4] (copycat): key is used by another credential")
                .hasMessageContaining("[5] (no-scope): give at least one scope")
                .hasMessageContaining("[6] (typo): unknown scope 'sned'");
    }

    @Test
    void aKeyAuthenticatesItsAgentWithItsScopesAndNoOtherKeyDoes() {
        // Given
        AgentCredentials credentials = AgentCredentials.of(List.of(
                new Credential("writer", KEY + "-w", List.of("send", "READ")),
                new Credential("reviewer", KEY + "-r", List.of("oversight"))));

        // When / Then
        Agent writer = credentials.authenticate(KEY + "-w").orElseThrow();
        assertThat(writer.identity()).isEqualTo("agent:writer");
        assertThat(writer.scopes()).isEqualTo(Set.of(Scope.SEND, Scope.READ));
        assertThat(writer.may(Scope.OVERSIGHT)).isFalse();
        assertThat(credentials.authenticate(KEY + "-r").orElseThrow().may(Scope.OVERSIGHT)).isTrue();
        assertThat(credentials.authenticate(KEY)).isEmpty();
        assertThat(credentials.authenticate(null)).isEmpty();
    }

    @Test
    void theShippedCredentialsSeparateSendingFromApproving() throws IOException {
        // When
        McpProperties properties = bind(new ClassPathResource("mcp-server.yml"));
        AgentCredentials credentials = AgentCredentials.of(properties.agents());

        // Then
        assertThat(credentials.size()).isEqualTo(2);
        assertThat(credentials.authenticate("dev-only-front-desk-agent-key").orElseThrow().scopes())
                .contains(Scope.SEND).doesNotContain(Scope.OVERSIGHT);
        assertThat(credentials.authenticate("dev-only-reviewer-agent-key").orElseThrow().scopes())
                .contains(Scope.OVERSIGHT).doesNotContain(Scope.SEND);
    }

    @Test
    void aConfiguredCredentialWithBothScopesIsRefusedAsBound() throws IOException {
        // Given
        String yaml = """
                deskpost:
                  mcp:
                    agents:
                      - id: rogue
                        key: rogue-agent-key-123456
                        scopes: [send, read, oversight]
                """;

        // When
        McpProperties properties = bind(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThatThrownBy(() -> AgentCredentials.of(properties.agents())).hasMessageContaining("(rogue): holds both");
    }

    @Test
    void aCredentialNeverPrintsItsKey() {
        assertThat(new Credential("writer", "secret-key-1234567890", List.of("send")).toString())
                .doesNotContain("secret-key");
    }

    private static McpProperties bind(Resource yaml) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("test", yaml)
                .forEach(source -> environment.getPropertySources().addFirst(source));
        return Binder.get(environment).bind("deskpost.mcp", McpProperties.class).get();
    }
}
