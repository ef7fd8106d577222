package com.deskpost.ingest.officernd;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.ingest.auth.AuthenticationFailed;
import com.deskpost.ingest.auth.Hmacs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OfficeRndSignatureTest {

    private static final String SECRET = "officernd-webhook-secret";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = "{\"eventType\":\"booking.created\"}".getBytes();
    private static final long T = NOW.getEpochSecond();

    @Test
    void flexLayoutSignsTimestampDotBody() {
        String mac = hex(Hmacs.hmacSha256(SECRET, Hmacs.utf8(T + "."), BODY));

        assertThatCode(() -> verify("t=" + T + ",v1=" + mac)).doesNotThrowAnyException();
    }

    @Test
    void classicLayoutSignsBodyDotTimestamp() {
        String mac = hex(Hmacs.hmacSha256(SECRET, BODY, Hmacs.utf8("." + T)));

        assertThatCode(() -> verify("t=" + T + ",signature=" + mac)).doesNotThrowAnyException();
    }

    @Test
    void wrongSecretStaleTimestampAndNoSecretAreRefused() {
        String forged = hex(Hmacs.hmacSha256("another-secret-entirely", Hmacs.utf8(T + "."), BODY));
        long stale = T - 301;
        String staleMac = hex(Hmacs.hmacSha256(SECRET, Hmacs.utf8(stale + "."), BODY));

        assertThatThrownBy(() -> verify("t=" + T + ",v1=" + forged)).isInstanceOf(AuthenticationFailed.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> verify("t=" + stale + ",v1=" + staleMac)).isInstanceOf(AuthenticationFailed.class)
                .hasMessageContaining("301 s");
        assertThatThrownBy(() -> OfficeRndSignature.verify("t=" + T + ",v1=00", BODY, "", Duration.ofMinutes(5), CLOCK))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("not enabled");
    }

    private static void verify(String header) {
        OfficeRndSignature.verify(header, BODY, SECRET, Duration.ofMinutes(5), CLOCK);
    }

    private static String hex(byte[] mac) {
        return HexFormat.of().formatHex(mac);
    }
}
