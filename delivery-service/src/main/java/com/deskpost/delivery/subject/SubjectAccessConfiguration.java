package com.deskpost.delivery.subject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The export's sections held by other services: oversight's held drafts and staff digest entries (HTTP Basic, its
 * subject-access account) and audit-service's audit trail (an API key with scope read). Delivery's own stores
 * contribute theirs from their feature packages.
 */
@Configuration
@EnableConfigurationProperties(SubjectAccessProperties.class)
class SubjectAccessConfiguration {

    @Bean
    SubjectDataSource heldDrafts(SubjectAccessProperties properties) {
        return new OversightPart("heldDrafts", "/api/v1/subject-access/held-drafts", oversight(properties));
    }

    @Bean
    SubjectDataSource digestEntries(SubjectAccessProperties properties) {
        return new OversightPart("digestEntries", "/api/v1/subject-access/digest-entries", oversight(properties));
    }

    @Bean
    SubjectDataSource auditTrail(SubjectAccessProperties properties) {
        SubjectAccessProperties.Audit audit = properties.audit();
        return new AuditTrailPart(new RemoteService("audit-service", audit.url(), "Bearer " + audit.apiKey(),
                "deskpost.subject-access.audit.api-key (a key of audit-service's deskpost.api.clients with scope read)",
                properties.timeout()));
    }

    private static RemoteService oversight(SubjectAccessProperties properties) {
        SubjectAccessProperties.Oversight oversight = properties.oversight();
        String basic = Base64.getEncoder().encodeToString((oversight.user() + ":" + oversight.password())
                .getBytes(StandardCharsets.UTF_8));
        return new RemoteService("oversight-service", oversight.url(), "Basic " + basic,
                "deskpost.subject-access.oversight.user and .password (an account of oversight's "
                        + "deskpost.oversight.subject-access-clients)", properties.timeout());
    }
}
