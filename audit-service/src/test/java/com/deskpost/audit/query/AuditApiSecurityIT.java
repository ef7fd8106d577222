package com.deskpost.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.AuditTestStack;
import com.deskpost.audit.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The audit endpoints are authenticated exactly as delivery's API (platform.api): no key or an unknown
 * key is a JSON 401 saying how to authenticate; a key without the scope read is a JSON 403 naming it;
 * health and the OpenAPI document stay public; the document lists the audit endpoints with the bearer scheme.
 */
class AuditApiSecurityIT {

    private static final String CONTACTS_KEY = "contacts-key-0123456789";

    private static AuditTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = AuditTestStack.start("--deskpost.api.clients[1].id=crm",
                "--deskpost.api.clients[1].key=" + CONTACTS_KEY, "--deskpost.api.clients[1].scopes=contacts");
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/threads/booking:B-1042", "/api/v1/drafts/d-1/history",
        "/api/v1/audit?recipient=ada@example.com", "/api/v1/audit/verification",
        "/api/v1/audit/records-of-processing"})
    void eachAuditEndpointNeedsAKeyWithTheScopeRead(String path) {
        // When
        HttpResponse<String> none = http.getAs(null, path);
        HttpResponse<String> wrong = http.getAs("Bearer " + AuditTestStack.API_KEY + "x", path);
        HttpResponse<String> contactsOnly = http.getAs("Bearer " + CONTACTS_KEY, path);
        HttpResponse<String> reader = http.get(path);

        // Then
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(none).get("message").asString()).startsWith("Send Authorization: Bearer <api key>");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(wrong).get("message").asString()).contains("not recognised");
        assertThat(contactsOnly.statusCode()).isEqualTo(403);
        assertThat(TestHttp.json(contactsOnly).get("error").asString()).isEqualTo("missing_scope");
        assertThat(TestHttp.json(contactsOnly).get("message").asString()).contains("'read'");
        assertThat(reader.statusCode()).as(reader.body()).isIn(200, 404);
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoKeyAndTheDocumentListsTheAuditEndpoints() {
        // When
        HttpResponse<String> health = http.getAs(null, "/actuator/health");
        JsonNode docs = TestHttp.json(http.getAs(null, "/v3/api-docs"));

        // Then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(docs.get("paths").propertyNames()).contains("/api/v1/threads/{threadKey}",
                "/api/v1/drafts/{draftId}/history", "/api/v1/audit", "/api/v1/audit/verification")
                .doesNotContain("/api/v1/messages");
        assertThat(docs.get("paths").get("/api/v1/audit").get("get").get("security").toString()).contains("apiKey");
        assertThat(docs.get("components").get("securitySchemes").get("apiKey").get("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void aLimitAboveTheMaximumIsAJson400NamingTheParameter() {
        // When
        HttpResponse<String> response = http.get("/api/v1/audit?limit=501");

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(response).get("field").asString()).isEqualTo("limit");
    }
}
