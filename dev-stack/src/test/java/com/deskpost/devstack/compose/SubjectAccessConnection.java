package com.deskpost.devstack.compose;

import com.deskpost.delivery.subject.SubjectAccessProperties;
import com.deskpost.oversight.api.StaffProperties;
import com.deskpost.platform.api.ApiClientsProperties;
import com.deskpost.platform.api.ApiScope;
import java.util.Optional;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * delivery-service's calls for a subject access export: oversight-service at its container's port, accepting
 * delivery's subject-access account (its stored hash matching the password delivery sends), and audit-service at
 * its port, knowing delivery's key with scope read. Without them every export is refused 503.
 */
final class SubjectAccessConnection {

    private static final String NAME = "delivery-service";

    private final ComposeConformance check;

    SubjectAccessConnection(ComposeConformance check) {
        this.check = check;
    }

    void check() {
        ServiceConfig delivery = check.configs.get(NAME);
        ServiceConfig oversight = check.configs.get("oversight-service");
        ServiceConfig audit = check.configs.get("audit-service");
        if (delivery == null || oversight == null || audit == null) {
            return;
        }
        try {
            SubjectAccessProperties access = delivery.bind("deskpost.subject-access", SubjectAccessProperties.class);
            expectUrl("deskpost.subject-access.oversight.url", access.oversight().url().toString(), "oversight-service",
                    oversight);
            expectUrl("deskpost.subject-access.audit.url", access.audit().url().toString(), "audit-service", audit);
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            boolean accepted = oversight.bind("deskpost.oversight", StaffProperties.class).subjectAccessClients()
                    .stream().anyMatch(client -> client.id().equals(access.oversight().user())
                            && matches(encoder, access.oversight().password(), client.password()));
            if (!accepted) {
                check.problem(NAME, "oversight-service's deskpost.oversight.subject-access-clients do not accept "
                        + access.oversight().user() + " with deskpost.subject-access.oversight.password");
            }
            Optional<ApiClientsProperties.Client> auditClient = audit.bind("deskpost.api", ApiClientsProperties.class)
                    .clients().stream().filter(client -> client.key().equals(access.audit().apiKey())).findFirst();
            if (auditClient.isEmpty()) {
                check.problem(NAME, "deskpost.subject-access.audit.api-key is not a key of audit-service's "
                        + "deskpost.api.clients");
            } else if (!auditClient.get().scopes().contains(ApiScope.READ)) {
                check.problem(NAME, "deskpost.subject-access.audit.api-key belongs to audit client "
                        + auditClient.get().id() + ", which lacks the scope read the audit query needs");
            }
        } catch (RuntimeException invalid) {
            check.problem(NAME, "deskpost.subject-access does not bind: " + invalid.getMessage());
        }
    }

    private void expectUrl(String property, String url, String target, ServiceConfig targetConfig) {
        check.expect(NAME, property, url.replaceFirst("/$", ""),
                "http://" + target + ":" + targetConfig.get("server.port").orElse("?"));
    }

    private static boolean matches(PasswordEncoder encoder, String raw, String encoded) {
        try {
            return raw != null && encoder.matches(raw, encoded);
        } catch (IllegalArgumentException notEncoded) {
            return false;
        }
    }
}
