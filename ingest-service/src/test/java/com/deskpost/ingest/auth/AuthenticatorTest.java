package com.deskpost.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.ingest.auth.IngestClients.Client;
import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Client CRM = new Client("crm", "crm-bearer-key-0123", "crm-hmac-secret-0123",
            List.of("facility.bookings", "facility.billing"));
    private static final Client HR = new Client("hr", "hr-bearer-key-01234", null,
            List.of("facility.members", "facility.locations"));
    private static final Client IDLE = new Client("idle", "idle-bearer-key-0123", null, null);
    private static final Client DOORS = new Client("doors", "doors-bearer-key-0123", null, List.of("facility.access"));
    private static final Authenticator AUTH = new Authenticator(
            new IngestClients(List.of(CRM, DOORS, HR, IDLE), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final byte[] BODY = "{\"booking_id\":\"B-1\"}".getBytes();

    @Test
    void bearerKeyIdentifiesItsClient() {
        assertThat(AUTH.authenticate(bearer("doors-bearer-key-0123"), BODY)).isEqualTo(DOORS);
        assertThat(AUTH.authenticate(bearer("crm-bearer-key-0123"), BODY)).isEqualTo(CRM);
    }

    @Test
    void unknownKeyAndNoCredentialsAreRefused() {
        assertThatThrownBy(() -> AUTH.authenticate(bearer("crm-bearer-key-0124"), BODY))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("not recognised");
        assertThatThrownBy(() -> AUTH.authenticate(new Credentials(null, null, null), BODY))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("No credentials");
        assertThatThrownBy(() -> AUTH.authenticate(new Credentials("Basic Y3JtOng=", null, null), BODY))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("Bearer");
    }

    @Test
    void signedBodyWithinToleranceIdentifiesItsClient() {
        long t = NOW.getEpochSecond() - 299;

        assertThat(AUTH.authenticate(signed("crm", t, sign("crm-hmac-secret-0123", t, BODY)), BODY)).isEqualTo(CRM);
    }

    @Test
    void alteredBodyWrongClientAndExpiredSignatureAreRefused() {
        long t = NOW.getEpochSecond();
        String mac = sign("crm-hmac-secret-0123", t, BODY);
        byte[] altered = "{\"booking_id\":\"B-2\"}".getBytes();
        long expired = t - 301;

        assertThatThrownBy(() -> AUTH.authenticate(signed("crm", t, mac), altered))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> AUTH.authenticate(signed("doors", t, mac), BODY))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> AUTH.authenticate(
                signed("crm", expired, sign("crm-hmac-secret-0123", expired, BODY)), BODY))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("301 s");
        assertThatThrownBy(() -> AUTH.authenticate(new Credentials(null, "crm", "v1=" + mac), BODY))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("t=<unix seconds>");
    }

    @Test
    void clientsArePermittedOnlyTheirTopics() {
        Authenticator.authorize(DOORS, Topics.FACILITY_ACCESS);
        Authenticator.authorize(CRM, Topics.FACILITY_BILLING);

        assertThatThrownBy(() -> Authenticator.authorize(DOORS, Topics.FACILITY_BOOKINGS))
                .isInstanceOf(TopicForbidden.class).hasMessageContaining("not facility.bookings");
    }

    @Test
    void aClientWithoutATopicListMayPublishNothing() {
        for (Topic<?> topic : EventKeys.facilityTopics()) {
            assertThatThrownBy(() -> Authenticator.authorize(IDLE, topic)).as(topic.name())
                    .isInstanceOf(TopicForbidden.class)
                    .hasMessageContaining("idle has no topic granted", topic.name(), "deskpost.ingest.clients[n].topics");
        }
        assertThat(IDLE.toString()).contains("topics=none");
    }

    @Test
    void directoryTopicsNeedTheirOwnGrant() {
        Authenticator.authorize(HR, Topics.FACILITY_MEMBERS);
        Authenticator.authorize(HR, Topics.FACILITY_LOCATIONS);

        for (Client client : List.of(CRM, DOORS)) {
            assertThatThrownBy(() -> Authenticator.authorize(client, Topics.FACILITY_MEMBERS))
                    .isInstanceOf(TopicForbidden.class).hasMessageContaining("not facility.members");
            assertThatThrownBy(() -> Authenticator.authorize(client, Topics.FACILITY_LOCATIONS))
                    .isInstanceOf(TopicForbidden.class).hasMessageContaining("not facility.locations");
        }
        assertThatThrownBy(() -> Authenticator.authorize(HR, Topics.FACILITY_BOOKINGS))
                .isInstanceOf(TopicForbidden.class);
    }

    @Test
    void misconfiguredClientsStopStartUp() {
        assertThatThrownBy(() -> new IngestClients(List.of(new Client("x", "short", null, List.of())), null))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new IngestClients(List.of(
                new Client("x", "long-enough-key-0123", null, List.of("mail.drafts"))), null))
                .hasMessageContaining("not a facility topic");
    }

    private static Credentials bearer(String key) {
        return new Credentials("Bearer " + key, null, null);
    }

    private static Credentials signed(String client, long t, String mac) {
        return new Credentials(null, client, "t=" + t + ",v1=" + mac);
    }

    private static String sign(String secret, long t, byte[] body) {
        return HexFormat.of().formatHex(Hmacs.hmacSha256(secret, Hmacs.utf8(t + "."), body));
    }
}
