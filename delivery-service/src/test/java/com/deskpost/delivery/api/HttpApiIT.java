package com.deskpost.delivery.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP API of the running service: every /api endpoint refuses a request without a recognised
 * API key with a JSON 401 saying how to authenticate; health, the OpenAPI document and the
 * unsubscribe links stay public; errors are JSON a person can act on.
 */
class HttpApiIT {

    private static final String READER_KEY = "reader-key-0123456789";
    private static final String CONTACTS_KEY = "contacts-key-0123456789";
    private static final String ERASURE_KEY = "erasure-key-0123456789";
    private static final String NO_SCOPES_KEY = "no-scopes-key-0123456789";
    private static final String DELIVERABILITY_KEY = "deliverability-key-0123456789";
    private static final Map<String, String> KEY_OF_SCOPE = Map.of("read", READER_KEY, "contacts", CONTACTS_KEY,
            "erasure", ERASURE_KEY, "deliverability", DELIVERABILITY_KEY);

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = DeliveryTestStack.start(
                "--deskpost.api.clients[1].id=reader", "--deskpost.api.clients[1].key=" + READER_KEY,
                "--deskpost.api.clients[1].scopes=read",
                "--deskpost.api.clients[2].id=crm", "--deskpost.api.clients[2].key=" + CONTACTS_KEY,
                "--deskpost.api.clients[2].scopes=contacts",
                "--deskpost.api.clients[3].id=dpo", "--deskpost.api.clients[3].key=" + ERASURE_KEY,
                "--deskpost.api.clients[3].scopes=erasure",
                "--deskpost.api.clients[4].id=idle", "--deskpost.api.clients[4].key=" + NO_SCOPES_KEY,
                "--deskpost.api.clients[5].id=deliverability", "--deskpost.api.clients[5].key=" + DELIVERABILITY_KEY,
                "--deskpost.api.clients[5].scopes=deliverability");
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/messages?recipient=ada@example.com", null),
                Arguments.of("GET", "/api/v1/archive?recipient=ada@example.com", null),
                Arguments.of("GET", "/api/v1/archive/" + "0".repeat(64), null),
                Arguments.of("GET", "/api/v1/contacts?tag=opt_in", null),
                Arguments.of("POST", "/api/v1/contacts/mallory-target@example.com/tags",
                        "{\"tag\":\"unsubscribed\",\"action\":\"ADDED\"}"),
                Arguments.of("POST", "/api/v1/contacts/mallory-target@example.com/erasure", ""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void aRequestWithoutAnApiKeyIsRefusedWithJsonSayingHowToAuthenticate(String method, String path, String body) {
        // When
        HttpResponse<String> response = call(method, path, body, null);

        // Then
        assertUnauthorized(response);
        assertThat(TestHttp.json(response).get("message").asString()).startsWith("Send Authorization: Bearer <api key>");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void aRequestWithAWrongApiKeyIsRefusedAndChangesNothing(String method, String path, String body) {
        // When
        HttpResponse<String> response = call(method, path, body, "Bearer " + DeliveryTestStack.API_KEY + "x");

        // Then
        assertUnauthorized(response);
        assertThat(TestHttp.json(response).get("message").asString()).contains("not recognised");
        assertThat(stack.jdbc().queryForObject("select count(*) from consent_tags", Integer.class)).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void basicAuthenticationIsNotAnApiKey(String method, String path, String body) {
        // When
        HttpResponse<String> response = call(method, path, body, "Basic aXQ6aXQtYXBpLWtleS0wMTIzNDU2Nzg5");

        // Then
        assertUnauthorized(response);
    }

    /** Each endpoint with the scope it needs; bodies that pass the scope check but fail validation change nothing. */
    static Stream<Arguments> scopedEndpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/messages?recipient=ada@example.com", null, "read"),
                Arguments.of("GET", "/api/v1/archive?recipient=ada@example.com", null, "read"),
                Arguments.of("GET", "/api/v1/archive/" + "0".repeat(64) + "/text", null, "read"),
                Arguments.of("GET", "/api/v1/contacts?tag=opt_in", null, "contacts"),
                Arguments.of("GET", "/api/v1/contacts/ada@example.com/feedback", null, "contacts"),
                Arguments.of("POST", "/api/v1/contacts/mallory-target@example.com/tags",
                        "{\"tag\":\"unsubscribed\",\"action\":\"NEITHER\"}", "contacts"),
                Arguments.of("POST", "/api/v1/contacts/not-an-address/erasure", "", "erasure"),
                Arguments.of("GET", "/api/v1/sender-domains/shoreditch.deskpost.example", null, "deliverability"),
                Arguments.of("POST", "/api/v1/sender-domains/shoreditch.deskpost.example/resume", "{}",
                        "deliverability"));
    }

    @ParameterizedTest(name = "{0} {1} needs {3}")
    @MethodSource("scopedEndpoints")
    void eachEndpointNeedsItsScopeAndAKeyWithoutItIsRefusedNamingIt(String method, String path, String body,
            String scope) {
        // Given a key of every other scope, and one with no scopes at all
        for (Map.Entry<String, String> other : KEY_OF_SCOPE.entrySet()) {
            if (other.getKey().equals(scope)) {
                continue;
            }
            // When it calls the endpoint, then it is refused with the scope named
            assertMissingScope(call(method, path, body, "Bearer " + other.getValue()), scope);
        }
        assertMissingScope(call(method, path, body, "Bearer " + NO_SCOPES_KEY), scope);

        // And a key with the scope reaches the endpoint (200; 400 for the invalid bodies; 404 for unknown ids)
        HttpResponse<String> allowed = call(method, path, body, "Bearer " + KEY_OF_SCOPE.get(scope));
        assertThat(allowed.statusCode()).as(allowed.body()).isIn(200, 400, 404);
        assertThat(stack.jdbc().queryForObject("select count(*) from consent_tags", Integer.class)).isZero();
    }

    @Test
    void erasureIsRefusedToAKeyThatMayChangeContactsAndNothingIsErased() {
        // When the contacts-only key asks to erase a real-looking address
        HttpResponse<String> response = call("POST", "/api/v1/contacts/erase-me@example.com/erasure", "",
                "Bearer " + CONTACTS_KEY);

        // Then it is refused naming the erasure scope, and no erasure tag was recorded
        assertMissingScope(response, "erasure");
        assertThat(stack.jdbc().queryForObject("select count(*) from consent_tags where tag = 'erased'",
                Integer.class)).isZero();
    }

    @Test
    void healthTheOpenApiDocumentAndUnsubscribeLinksNeedNoKey() {
        // When
        HttpResponse<String> health = http.getAs(null, "/actuator/health");
        HttpResponse<String> docs = http.getAs(null, "/v3/api-docs");
        HttpResponse<String> unsubscribe = http.getAs(null, "/unsubscribe/not-a-token");

        // Then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(unsubscribe.statusCode()).as("an invalid link's page, not a 401").isEqualTo(404);
        assertThat(unsubscribe.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }

    @Test
    void theOpenApiDocumentListsEveryEndpointWithTheBearerScheme() {
        // When
        JsonNode docs = TestHttp.json(http.getAs(null, "/v3/api-docs"));

        // Then
        JsonNode paths = docs.get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/messages",
                "/api/v1/contacts", "/api/v1/contacts/{email}/tags", "/api/v1/contacts/{email}/erasure",
                "/api/v1/contacts/{email}/feedback", "/unsubscribe/{token}", "/api/v1/archive",
                "/api/v1/archive/{sha256}", "/api/v1/archive/{sha256}/text");
        // The audit trail is audit-service's API
        assertThat(paths.propertyNames()).doesNotContain("/api/v1/audit", "/api/v1/threads/{threadKey}");
        assertThat(paths.get("/api/v1/messages").get("get").get("operationId").asString()).isEqualTo("checkInbox");
        assertThat(paths.get("/api/v1/messages").get("get").get("security").toString()).contains("apiKey");
        JsonNode responses = paths.get("/api/v1/messages").get("get").get("responses");
        assertThat(responses.has("401")).isTrue();
        assertThat(responses.get("200").get("content").get("application/json").get("schema").get("$ref").asString())
                .isEqualTo("#/components/schemas/PageSentMessage");
        assertThat(paths.get("/unsubscribe/{token}").get("post").has("security")).isFalse();
        assertThat(docs.get("components").get("securitySchemes").get("apiKey").get("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void anUnknownPathIsAJson404PointingAtTheDocument() {
        // When
        HttpResponse<String> response = http.get("/api/v1/nothing-here");

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).get("error").asString()).isEqualTo("not_found");
        assertThat(TestHttp.json(response).get("message").asString()).contains("/v3/api-docs");
    }

    @Test
    void aMalformedInstantIsA400NamingTheParameter() {
        // When
        HttpResponse<String> response = http.get("/api/v1/messages?from=yesterday");

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestHttp.json(response);
        assertThat(error.get("error").asString()).isEqualTo("invalid_request");
        assertThat(error.get("field").asString()).isEqualTo("from");
        assertThat(error.get("message").asString()).contains("ISO-8601");
    }

    @Test
    void aLimitAboveTheMaximumIsA400() {
        // When
        HttpResponse<String> response = http.get("/api/v1/messages?limit=501");

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(response).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void anUnexpectedFailureIsA500WithAnIncidentIdAndNoInternals() {
        // Given the ledger table is out of reach
        stack.jdbc().execute("alter table delivery_ledger rename to delivery_ledger_away");
        HttpResponse<String> response;
        try {
            // When
            response = http.get("/api/v1/messages");
        } finally {
            stack.jdbc().execute("alter table delivery_ledger_away rename to delivery_ledger");
        }

        // Then
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = TestHttp.json(response);
        assertThat(error.get("error").asString()).isEqualTo("internal_error");
        assertThat(error.get("message").asString()).contains("incident");
        assertThat(response.body()).doesNotContain("Exception", "delivery_ledger", "select", "at com.");
    }

    private static HttpResponse<String> call(String method, String path, String body, String authorization) {
        return method.equals("GET") ? http.getAs(authorization, path) : http.postJsonAs(authorization, path, body);
    }

    private static void assertMissingScope(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = TestHttp.json(response);
        assertThat(error.get("error").asString()).isEqualTo("missing_scope");
        assertThat(error.get("message").asString()).contains("'" + scope + "'", "deskpost.api.clients[n].scopes");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"deskpost\"");
        assertThat(TestHttp.json(response).get("error").asString()).isEqualTo("unauthorized");
    }
}
