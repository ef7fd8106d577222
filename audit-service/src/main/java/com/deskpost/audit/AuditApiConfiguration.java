package com.deskpost.audit;

import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.ApiSecurityConfiguration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The audit API: the same API keys and scopes as delivery's ({@code deskpost.api.clients}, scope
 * {@code read}), the same JSON errors and paging, and its OpenAPI document at /v3/api-docs.
 */
@Configuration
@Import(ApiSecurityConfiguration.class)
@OpenAPIDefinition(info = @Info(title = "Deskpost audit API", version = "v1", description = """
        The audit trail of every draft, from the hash-chained audit store: a conversation's history, a draft's
        history, the audit query by recipient and time, and the verification of the chain. Every /api endpoint
        needs `Authorization: Bearer <api key>` with the scope `read` (the operator issues one key per client in
        `deskpost.api.clients`); a key without it gets 403 `missing_scope`. Times are ISO-8601 instants in UTC.
        Errors are JSON `{"error": "<code>", "message": "<what to do>"}`. Lists are paged: pass `nextCursor` of
        one page as `cursor` to get the next; a missing `nextCursor` means the last page."""))
@SecurityScheme(name = ApiDocs.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The API key the operator issued to this client, as a bearer token")
class AuditApiConfiguration {
}
