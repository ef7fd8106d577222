package com.deskpost.testsupport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry started with basic auth answers only the right login, and says why it refuses others. */
class SchemaRegistryBasicAuthTest {

    private SchemaRegistryServer registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.startWithBasicAuth("deskpost:s3cret");
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void theRightLoginIsServed() throws Exception {
        HttpResponse<String> answer = get(basic("deskpost:s3cret"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
    }

    @Test
    void noLoginOrAWrongOneGets401WithJson() throws Exception {
        for (String authorization : new String[] {null, basic("deskpost:guess"), basic("other:s3cret")}) {
            HttpResponse<String> answer = get(authorization);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
            var json = new ObjectMapper().readTree(answer.body());
            assertThat(json.get("error_code").asInt()).isEqualTo(40101);
            assertThat(json.get("message").asText()).contains("basic auth");
        }
    }

    @Test
    void anOpenRegistryNeedsNoLogin() throws Exception {
        try (SchemaRegistryServer open = SchemaRegistryServer.start()) {
            assertThat(open.userInfo()).isNull();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(open.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
