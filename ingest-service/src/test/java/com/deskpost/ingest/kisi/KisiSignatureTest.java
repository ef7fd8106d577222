package com.deskpost.ingest.kisi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.ingest.web.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KisiSignatureTest {

    private static final String KEY = "kisi-signature-key-0123456789";
    private static final String BODY = KisiFixtures.unlock("u-1", 501, "a@k.example", 77, "2026-12-01T21:30:00Z");

    @Test
    void theHexHmacOfTheBodyUnderTheKeyIsAccepted() {
        assertThatCode(() -> KisiSignature.verify(KisiFixtures.sign(KEY, BODY), bytes(BODY), KEY))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherKeyAnAlteredBodyAndNoSignatureAreRefused() {
        assertThatThrownBy(() -> KisiSignature.verify(KisiFixtures.sign("another-key-0123456789", BODY), bytes(BODY),
                KEY)).isInstanceOf(ApiException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> KisiSignature.verify(KisiFixtures.sign(KEY, BODY), bytes(BODY + " "), KEY))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> KisiSignature.verify(null, bytes(BODY), KEY)).isInstanceOf(ApiException.class)
                .hasMessageContaining("X-Signature header is missing");
        assertThatThrownBy(() -> KisiSignature.verify("not-hex", bytes(BODY), KEY)).isInstanceOf(ApiException.class);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
