package com.deskpost.ingest.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.ingest.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class StripeSignatureTest {

    private static final String SECRET = "whsec_test_current_0123456789";
    private static final String OLD_SECRET = "whsec_test_previous_0123456789";
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final String BODY = StripeFixtures.text("invoice-payment-failed");

    @Test
    void aBodySignedWithTheEndpointSecretNowIsAccepted() {
        String header = StripeFixtures.sign(SECRET, NOW.getEpochSecond() - 10, BODY);

        assertThatCode(() -> verify(header, BODY, List.of(SECRET))).doesNotThrowAnyException();
    }

    @Test
    void aWrongSecretOrAChangedBodyIsRefused401() {
        String header = StripeFixtures.sign("whsec_someone_else_0123456789", NOW.getEpochSecond(), BODY);
        assertThat(refusal(header, BODY, List.of(SECRET)).status()).isEqualTo(HttpStatus.UNAUTHORIZED);

        String signed = StripeFixtures.sign(SECRET, NOW.getEpochSecond(), BODY);
        ApiException changed = refusal(signed, BODY.replace("25000", "1"), List.of(SECRET));
        assertThat(changed.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(changed.code()).isEqualTo("unauthorized");
        assertThat(changed.getMessage()).contains("deskpost.ingest.stripe.webhook-secrets");
    }

    @Test
    void aValidSignatureOutsideTheToleranceIsRefused401EitherSide() {
        ApiException old = refusal(StripeFixtures.sign(SECRET, NOW.getEpochSecond() - 301, BODY), BODY,
                List.of(SECRET));
        assertThat(old.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(old.code()).isEqualTo("stale_signature");
        assertThat(old.getMessage()).contains("301 s", "deskpost.ingest.stripe.tolerance");

        assertThat(refusal(StripeFixtures.sign(SECRET, NOW.getEpochSecond() + 301, BODY), BODY, List.of(SECRET))
                .code()).isEqualTo("stale_signature");
        assertThatCode(() -> verify(StripeFixtures.sign(SECRET, NOW.getEpochSecond() - 300, BODY), BODY,
                List.of(SECRET))).doesNotThrowAnyException();
    }

    @Test
    void anyOfSeveralV1SignaturesMayMatchAndOtherSchemesAreIgnored() {
        // Given a header as Stripe sends it while a secret is rolled: one v1 per secret, and a v0 test signature
        long t = NOW.getEpochSecond();
        String current = StripeFixtures.sign(SECRET, t, BODY).substring(("t=" + t + ",").length());
        String header = "t=" + t + ",v1=" + "ab".repeat(32) + "," + current + ",v0=" + "cd".repeat(32);

        // Then it is accepted on the v1 that matches
        assertThatCode(() -> verify(header, BODY, List.of(SECRET))).doesNotThrowAnyException();
        // And a v0 alone proves nothing
        assertThat(refusal("t=" + t + ",v0=" + current.substring(3), BODY, List.of(SECRET)).status())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void duringARotationEitherConfiguredSecretIsAccepted() {
        // Given both the new and the old secret configured, and a call Stripe signed with the old one
        String header = StripeFixtures.sign(OLD_SECRET, NOW.getEpochSecond(), BODY);

        // Then it is accepted, and refused once the old secret is dropped
        assertThatCode(() -> verify(header, BODY, List.of(SECRET, OLD_SECRET))).doesNotThrowAnyException();
        assertThat(refusal(header, BODY, List.of(SECRET)).code()).isEqualTo("unauthorized");
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused400() {
        for (String header : new String[] {null, "", "v1=" + "ab".repeat(32), "t=1796115600", "t=soon,v1=ab",
                "t=1,t=2,v1=ab"}) {
            ApiException refused = refusal(header, BODY, List.of(SECRET));
            assertThat(refused.status()).as(header).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.code()).isEqualTo("malformed_signature");
        }
    }

    private static void verify(String header, String body, List<String> secrets) {
        StripeSignature.verify(StripeSignature.parse(header), body.getBytes(StandardCharsets.UTF_8), secrets,
                TOLERANCE, CLOCK);
    }

    private static ApiException refusal(String header, String body, List<String> secrets) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> verify(header, body, secrets));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }
}
