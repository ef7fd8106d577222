package com.deskpost.delivery.api;

import com.deskpost.platform.api.ApiDocs;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: what an integrator reads before calling the API. */
@Configuration
@OpenAPIDefinition(info = @Info(title = "Deskpost delivery API", version = "v1", description = """
        What Deskpost sent (from the idempotency ledger), and the contacts' consent tags; the audit trail of
        every draft is audit-service's API. Every /api endpoint needs `Authorization: Bearer <api key>` (the
        operator issues one per client in `deskpost.api.clients`). Each key carries scopes: `read` (messages),
        `contacts` (the contact list and consent tags), `erasure` (GDPR erasure, never implied by
        `contacts`), `deliverability` (sender-domain rates) and `subject-access` (GDPR art. 15 export of everything
        held about a person, implied by no other scope); a key without the scope an endpoint needs gets 403 `missing_scope` naming it. Times are ISO-8601 instants in UTC. Errors are JSON
        `{"error": "<code>", "message": "<what to do>"}`. Lists are paged: pass `nextCursor` of one page as
        `cursor` to get the next; a missing `nextCursor` means the last page."""))
@SecurityScheme(name = ApiDocs.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The API key the operator issued to this client, as a bearer token")
class OpenApiConfiguration {
}
