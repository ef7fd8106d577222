package com.deskpost.testsupport.registry;

import static com.deskpost.testsupport.registry.TestSchemas.BOOKING_V1;
import static com.deskpost.testsupport.registry.TestSchemas.BOOKING_WITH_DEFAULTED_ROOM;
import static com.deskpost.testsupport.registry.TestSchemas.BOOKING_WITH_NOTE;
import static com.deskpost.testsupport.registry.TestSchemas.BOOKING_WITH_REQUIRED_ROOM;
import static com.deskpost.testsupport.registry.TestSchemas.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.testsupport.registry.RegistryHttp.Answer;

class SchemaRegistryCompatibilityTest {

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
    void startsWithGlobalBackwardAndAcceptsANewGlobalLevel() {
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        Answer changed = http.put("/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");

        assertThat(changed.body()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    }

    @Test
    void keepsSubjectLevelsApartFromTheGlobalOne() {
        Answer unset = http.get("/config/bookings-value");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.json().get("error_code").asInt()).isEqualTo(40408);
        assertThat(http.get("/config/bookings-value?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        Answer changed = http.put("/config/bookings-value", "{\"compatibility\":\"NONE\"}");

        assertThat(changed.body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(http.get("/config/bookings-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void rejectsAnUnknownLevel() {
        Answer answer = http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void refusesARequiredNewFieldUnderFullTransitiveWith409() {
        http.put("/config/bookings-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        http.register("bookings-value", BOOKING_V1);

        Answer refused = http.register("bookings-value", BOOKING_WITH_REQUIRED_ROOM);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(409);
        assertThat(refused.json().get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"bookings-value\"")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "room", "version 1");
        assertThat(http.get("/subjects/bookings-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void acceptsAnOptionalNewFieldUnderFullTransitive() {
        http.put("/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        http.register("bookings-value", BOOKING_V1);

        Answer accepted = http.register("bookings-value", BOOKING_WITH_NOTE);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(http.get("/subjects/bookings-value/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void checksOnlyTheLatestVersionUnlessTransitive() {
        http.register("plain-value", BOOKING_V1);
        http.register("plain-value", BOOKING_WITH_DEFAULTED_ROOM);
        http.put("/config/transitive-value", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        http.register("transitive-value", BOOKING_V1);
        http.register("transitive-value", BOOKING_WITH_DEFAULTED_ROOM);

        // Reads version 2's data (room is always written) but not version 1's (room is missing).
        Answer plain = http.register("plain-value", BOOKING_WITH_REQUIRED_ROOM);
        Answer transitive = http.register("transitive-value", BOOKING_WITH_REQUIRED_ROOM);

        assertThat(plain.status()).isEqualTo(200);
        assertThat(transitive.status()).isEqualTo(409);
    }

    @Test
    void forwardChecksThatTheOldSchemaReadsTheNewOne() {
        http.put("/config/bookings-value", "{\"compatibility\":\"FORWARD\"}");
        http.register("bookings-value", BOOKING_WITH_REQUIRED_ROOM);

        // Dropping a field without a default: the new schema reads old data, the old one cannot read new data.
        Answer refused = http.register("bookings-value", BOOKING_V1);

        assertThat(refused.status()).isEqualTo(409);
    }

    @Test
    void noneAcceptsAnything() {
        http.put("/config/bookings-value", "{\"compatibility\":\"NONE\"}");
        http.register("bookings-value", BOOKING_V1);

        assertThat(http.register("bookings-value", MEMBER).status()).isEqualTo(200);
    }

    @Test
    void testsCompatibilityWithoutRegistering() {
        http.put("/config", "{\"compatibility\":\"FULL\"}");
        http.register("bookings-value", BOOKING_V1);
        http.register("bookings-value", BOOKING_WITH_NOTE);

        Answer compatible = http.post("/compatibility/subjects/bookings-value/versions/latest",
                http.schemaRequest(BOOKING_WITH_DEFAULTED_ROOM));
        Answer incompatible = http.post("/compatibility/subjects/bookings-value/versions/1",
                http.schemaRequest(BOOKING_WITH_REQUIRED_ROOM));

        assertThat(compatible.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(incompatible.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.json().get("messages").get(0).asText()).contains("room");
        assertThat(http.get("/subjects/bookings-value/versions").body()).isEqualTo("[1,2]");
    }
}
