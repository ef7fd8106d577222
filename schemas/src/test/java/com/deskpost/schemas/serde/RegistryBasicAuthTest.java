package com.deskpost.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.deskpost.events.BookingEvent;
import com.deskpost.testsupport.registry.SchemaRegistryServer;

/** A registry that requires HTTP basic auth (compose's does) is used with the user info, and refuses without. */
class RegistryBasicAuthTest {

    private static final String USER_INFO = "deskpost:registry-password";

    private SchemaRegistryServer registry;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.startWithBasicAuth(USER_INFO);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void withTheUserInfoRecordsRoundTrip() {
        // Given a serde configured the Confluent way, with the registry's login
        BookingEvent booking = TestEvents.bookingCreated("B-401");
        ConfluentAvroSerializer<BookingEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO), false);
        ConfluentAvroSerde<BookingEvent> reader = new ConfluentAvroSerde<>(
                new SchemaRegistryClient(registry.url(), USER_INFO), BookingEvent.class);

        // When it writes and another client reads
        byte[] bytes = serializer.serialize("facility.bookings", booking);

        // Then the record comes back
        assertThat(reader.deserializer().deserialize("facility.bookings", bytes)).isEqualTo(booking);
    }

    @Test
    void withoutTheUserInfoTheRegistryAnswers401AndTheErrorSaysWhatToSet() {
        SchemaRegistryClient anonymous = new SchemaRegistryClient(registry.url());

        assertThatThrownBy(() -> anonymous.register("facility.bookings-value", BookingEvent.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo(40101);
                    assertThat(e.getMessage()).contains("deskpost.kafka.schema-registry-user-info");
                });
    }

    @Test
    void aWrongPasswordIsRefusedToo() {
        SchemaRegistryClient wrong = new SchemaRegistryClient(registry.url(), "deskpost:guess");

        assertThatThrownBy(() -> wrong.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void userInfoWithoutAUserIsRejectedAtOnce() {
        assertThatThrownBy(() -> new SchemaRegistryClient(registry.url(), ":secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user:password");
    }
}
