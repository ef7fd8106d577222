package com.deskpost.devstack.compose;

import com.deskpost.community.inbound.InboundProperties;
import com.deskpost.platform.api.ApiClientsProperties;
import com.deskpost.platform.api.ApiScope;
import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.devstack.compose.ComposeFile.Service;
import com.deskpost.mcp.McpProperties;
import com.deskpost.oversight.api.StaffProperties;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The connections between containers that only some services have: PostgreSQL, the SMTP relay, the
 * inbound SMTP listener, and the MCP server's calls to oversight and delivery with credentials those
 * services accept. Settings are bound to the services' own {@code @ConfigurationProperties} types, so
 * their validation (key lengths, required secrets) runs as at start-up.
 */
final class Connections {

    private final ComposeConformance check;

    Connections(ComposeConformance check) {
        this.check = check;
    }

    void check() {
        ComposeConformance.DATABASES.forEach(this::checkDatabase);
        checkSmtpRelay();
        checkInboundSmtp();
        checkMcpServer();
        new SubjectAccessConnection(check).check();
        checkOversightPasswords();
        for (String name : check.compose.serviceNames()) {
            if (!ComposeConformance.SERVICES.contains(name)) {
                check.checkSecretVariables(check.compose.service(name));
            }
        }
    }

    private void checkDatabase(String name, String database) {
        ServiceConfig config = check.configs.get(name);
        if (config == null) {
            return;
        }
        check.expect(name, "spring.datasource.url", config.get("spring.datasource.url").orElse(null),
                check.infrastructure.jdbcUrl(database));
        check.expect(name, "spring.datasource.username", config.get("spring.datasource.username").orElse(null), "deskpost");
        check.expect(name, "spring.datasource.password (as postgres' DESKPOST_DB_PASSWORD)",
                config.get("spring.datasource.password").orElse(null), check.infrastructure.databasePassword());
        check.expect(name, "depends_on postgres", service(name).dependsOn(Infrastructure.POSTGRES).orElse(null),
                "service_healthy");
    }

    private void checkSmtpRelay() {
        String name = "delivery-service";
        ServiceConfig config = check.configs.get(name);
        if (config == null) {
            return;
        }
        check.expect(name, "spring.mail.host", config.get("spring.mail.host").orElse(null), Infrastructure.MAILPIT);
        check.expect(name, "spring.mail.port", config.get("spring.mail.port").orElse(null),
                String.valueOf(check.infrastructure.mailpitSmtpPort()));
        check.expect(name, "depends_on mailpit", service(name).dependsOn(Infrastructure.MAILPIT).orElse(null),
                "service_healthy");
        try {
            config.bind("deskpost.delivery", DeliveryProperties.class);
            config.bind("deskpost.api", ApiClientsProperties.class);
        } catch (RuntimeException invalid) {
            check.problem(name, "deskpost.delivery / deskpost.api do not bind: " + rootMessage(invalid));
        }
    }

    private void checkInboundSmtp() {
        String name = "community-events";
        ServiceConfig config = check.configs.get(name);
        if (config == null) {
            return;
        }
        try {
            InboundProperties.Smtp smtp = config.bind("deskpost.community.inbound", InboundProperties.class).smtp();
            check.expect(name, "deskpost.community.inbound.smtp.bind-address (in a container)", smtp.bindAddress(), "0.0.0.0");
            if (smtp.enabled() && !service(name).publishedContainerPorts().contains(smtp.port())) {
                check.problem(name, "the inbound SMTP port " + smtp.port() + " is not published");
            }
        } catch (RuntimeException invalid) {
            check.problem(name, "deskpost.community.inbound does not bind: " + rootMessage(invalid));
        }
    }

    private void checkMcpServer() {
        String name = "mcp-server";
        ServiceConfig config = check.configs.get(name);
        ServiceConfig oversight = check.configs.get("oversight-service");
        ServiceConfig delivery = check.configs.get("delivery-service");
        ServiceConfig audit = check.configs.get("audit-service");
        if (config == null || oversight == null || delivery == null || audit == null) {
            return;
        }
        try {
            McpProperties mcp = config.bind("deskpost.mcp", McpProperties.class);
            expectService(name, "deskpost.mcp.oversight.url", mcp.oversight().url(), "oversight-service", oversight);
            expectService(name, "deskpost.mcp.delivery.url", mcp.delivery().url(), "delivery-service", delivery);
            Optional<ApiClientsProperties.Client> deliveryClient = delivery.bind("deskpost.api",
                    ApiClientsProperties.class).clients().stream()
                    .filter(client -> client.key().equals(mcp.delivery().apiKey())).findFirst();
            if (deliveryClient.isEmpty()) {
                check.problem(name, "deskpost.mcp.delivery.api-key is not a key of delivery-service's deskpost.api.clients");
            } else if (!deliveryClient.get().scopes().containsAll(List.of(ApiScope.READ, ApiScope.CONTACTS))) {
                check.problem(name, "deskpost.mcp.delivery.api-key belongs to delivery client "
                        + deliveryClient.get().id() + ", whose scopes " + deliveryClient.get().scopes()
                        + " lack read or contacts, which the MCP tools need");
            }
            expectService(name, "deskpost.mcp.audit.url", mcp.audit().url(), "audit-service", audit);
            Optional<ApiClientsProperties.Client> auditClient = audit.bind("deskpost.api",
                    ApiClientsProperties.class).clients().stream()
                    .filter(client -> client.key().equals(mcp.audit().apiKey())).findFirst();
            if (auditClient.isEmpty()) {
                check.problem(name, "deskpost.mcp.audit.api-key is not a key of audit-service's deskpost.api.clients");
            } else if (!auditClient.get().scopes().contains(ApiScope.READ)) {
                check.problem(name, "deskpost.mcp.audit.api-key belongs to audit client " + auditClient.get().id()
                        + ", whose scopes " + auditClient.get().scopes() + " lack read, which get_thread and"
                        + " read_email need");
            }
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            Optional<StaffProperties.Gateway> accepted = oversight.bind("deskpost.oversight", StaffProperties.class)
                    .agentGateways().stream()
                    .filter(gateway -> gateway.id().equals(mcp.oversight().gateway())
                            && matches(encoder, mcp.oversight().password(), gateway.password()))
                    .findFirst();
            if (accepted.isEmpty()) {
                check.problem(name, "oversight-service's deskpost.oversight.agent-gateways do not accept the gateway "
                        + mcp.oversight().gateway() + " with deskpost.mcp.oversight.password");
            } else {
                mcp.agents().stream().map(agent -> agent.id())
                        .filter(agent -> !accepted.get().agents().contains(agent))
                        .forEach(agent -> check.problem(name, "the gateway " + accepted.get().id() + " is not bound to "
                                + "agent " + agent + " (deskpost.oversight.agent-gateways[n].agents)"));
            }
        } catch (RuntimeException invalid) {
            check.problem(name, "deskpost.mcp does not bind: " + rootMessage(invalid));
        }
        for (String other : List.of("oversight-service", "delivery-service", "audit-service")) {
            check.expect(name, "depends_on " + other, service(name).dependsOn(other).orElse(null), "service_healthy");
        }
    }

    /** Staff and gateway passwords must be Spring-encoded ({id}...), or nobody can sign in. */
    private void checkOversightPasswords() {
        String name = "oversight-service";
        ServiceConfig config = check.configs.get(name);
        if (config == null) {
            return;
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        StaffProperties accounts = config.bind("deskpost.oversight", StaffProperties.class);
        accounts.staff().forEach(staff -> encodedOrProblem(name, "staff " + staff.memberId(), encoder, staff.password()));
        accounts.agentGateways().forEach(gateway -> encodedOrProblem(name, "agent gateway " + gateway.id(), encoder,
                gateway.password()));
        accounts.subjectAccessClients().forEach(client -> encodedOrProblem(name, "subject-access client "
                + client.id(), encoder, client.password()));
    }

    private void encodedOrProblem(String name, String account, PasswordEncoder encoder, String encoded) {
        try {
            encoder.matches("probe", encoded);
        } catch (IllegalArgumentException notEncoded) {
            check.problem(name, "the password of " + account + " is not Spring-encoded ({noop}..., {bcrypt}...)");
        }
    }

    private static boolean matches(PasswordEncoder encoder, String raw, String encoded) {
        try {
            return encoder.matches(raw, encoded);
        } catch (IllegalArgumentException notEncoded) {
            return false;
        }
    }

    private void expectService(String name, String property, URI url, String target, ServiceConfig targetConfig) {
        String expected = "http://" + target + ":" + targetConfig.get("server.port").orElse("?");
        check.expect(name, property, url == null ? null : url.toString().replaceFirst("/$", ""), expected);
    }

    private Service service(String name) {
        return check.compose.service(name);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
