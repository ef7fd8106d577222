package com.deskpost.testsupport.registry;

import static com.deskpost.testsupport.registry.TestSchemas.BOOKING_V1;
import static com.deskpost.testsupport.registry.TestSchemas.BOOKING_WITH_NOTE;
import static com.deskpost.testsupport.registry.TestSchemas.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.testsupport.registry.RegistryHttp.Answer;

class SchemaRegistryServerTest {

    private SchemaRegistryServer registry;
    private RegistryHttp http;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.start();
        http = new RegistryHttp(registry.url());
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void registersASchemaAndServesItById() {
        Answer registered = http.register("bookings-value", BOOKING_V1);

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo(RegistryHttp.MEDIA_TYPE);
        int id = registered.json().get("id").asInt();
        Answer byId = http.get("/schemas/ids/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(parse(byId.json().get("schema").asText())).isEqualTo(parse(BOOKING_V1));
    }

    @Test
    void givesTheSameIdToTheSameSchemaWhateverItsWhitespace() {
        int first = http.register("bookings-value", BOOKING_V1).json().get("id").asInt();

        Answer again = http.register("bookings-value", BOOKING_V1.replace("\n", "").replace(" ", ""));

        assertThat(again.json().get("id").asInt()).isEqualTo(first);
        assertThat(http.get("/subjects/bookings-value/versions").json()).hasSize(1);
    }

    @Test
    void givesAnIdenticalSchemaUnderAnotherSubjectTheSameGlobalId() {
        int id = http.register("bookings-value", BOOKING_V1).json().get("id").asInt();
        int otherId = http.register("bookings.dlq-value", BOOKING_V1).json().get("id").asInt();
        int memberId = http.register("members-value", MEMBER).json().get("id").asInt();

        assertThat(otherId).isEqualTo(id);
        assertThat(memberId).isNotEqualTo(id);
        assertThat(http.get("/schemas/ids/" + id + "/versions").body()).isEqualTo(
                "[{\"subject\":\"bookings-value\",\"version\":1},{\"subject\":\"bookings.dlq-value\",\"version\":1}]");
    }

    @Test
    void listsSubjectsVersionsAndTheLatestVersion() {
        http.register("bookings-value", BOOKING_V1);
        int v2Id = http.register("bookings-value", BOOKING_WITH_NOTE).json().get("id").asInt();
        http.register("members-value", MEMBER);

        assertThat(http.get("/subjects").body()).isEqualTo("[\"bookings-value\",\"members-value\"]");
        assertThat(http.get("/subjects/bookings-value/versions").body()).isEqualTo("[1,2]");
        Answer latest = http.get("/subjects/bookings-value/versions/latest");
        assertThat(latest.json().get("subject").asText()).isEqualTo("bookings-value");
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("id").asInt()).isEqualTo(v2Id);
        assertThat(parse(latest.json().get("schema").asText())).isEqualTo(parse(BOOKING_WITH_NOTE));
        assertThat(http.get("/subjects/bookings-value/versions/1").json().get("version").asInt()).isEqualTo(1);
        assertThat(parse(http.get("/subjects/bookings-value/versions/1/schema").body())).isEqualTo(parse(BOOKING_V1));
    }

    @Test
    void looksUpASchemaUnderASubject() {
        int id = http.register("bookings-value", BOOKING_V1).json().get("id").asInt();

        Answer found = http.post("/subjects/bookings-value", http.schemaRequest(BOOKING_V1));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("subject").asText()).isEqualTo("bookings-value");
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(parse(found.json().get("schema").asText())).isEqualTo(parse(BOOKING_V1));
    }

    @Test
    void answersLookupsOfUnknownSchemasAndSubjectsWithConfluentErrors() {
        http.register("bookings-value", BOOKING_V1);

        Answer unknownSchema = http.post("/subjects/bookings-value", http.schemaRequest(MEMBER));
        Answer unknownSubject = http.post("/subjects/nothing-value", http.schemaRequest(BOOKING_V1));

        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.body()).isEqualTo("{\"error_code\":40403,\"message\":\"Schema not found\"}");
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.json().get("error_code").asInt()).isEqualTo(40401);
        assertThat(unknownSubject.json().get("message").asText()).contains("nothing-value");
    }

    @Test
    void answersUnknownIdsVersionsAndSubjectsWith404s() {
        http.register("bookings-value", BOOKING_V1);

        Answer unknownId = http.get("/schemas/ids/99");
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.contentType()).isEqualTo(RegistryHttp.MEDIA_TYPE);
        assertThat(unknownId.body()).isEqualTo("{\"error_code\":40403,\"message\":\"Schema not found\"}");
        assertThat(http.get("/schemas/ids/99/versions").json().get("error_code").asInt()).isEqualTo(40403);
        assertThat(http.get("/subjects/bookings-value/versions/7").json().get("error_code").asInt()).isEqualTo(40402);
        assertThat(http.get("/subjects/nothing-value/versions").json().get("error_code").asInt()).isEqualTo(40401);
        Answer badVersion = http.get("/subjects/bookings-value/versions/first");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.json().get("error_code").asInt()).isEqualTo(42202);
    }

    @Test
    void rejectsAnUnparsableSchemaWith422() {
        Answer answer = http.register("bookings-value", "{\"type\":\"record\",\"name\":\"Broken\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error_code").asInt()).isEqualTo(42201);
        assertThat(answer.json().get("message").asText()).startsWith("Invalid schema");
        assertThat(http.get("/subjects").body()).isEqualTo("[]");
    }

    @Test
    void answersUnknownRoutesWith404AndWrongMethodsWith405() {
        Answer unknown = http.get("/nothing/here");
        Answer wrongMethod = http.delete("/subjects");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asInt()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).contains("/nothing/here");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error_code").asInt()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).isEqualTo(RegistryHttp.MEDIA_TYPE);
    }

    @Test
    void decodesSubjectNamesInPaths() {
        http.register("team%2Fbookings%20v+1", BOOKING_V1);

        assertThat(http.get("/subjects").body()).isEqualTo("[\"team/bookings v+1\"]");
        assertThat(http.get("/subjects/team%2Fbookings%20v+1/versions").body()).isEqualTo("[1]");
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }
}
