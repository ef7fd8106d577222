package com.deskpost.ingest.feedback;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** SendGrid's ECDSA signature, Mailgun's HMAC and Postmark's credentials, each valid and each forged. */
class SignatureVerifiersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void sendGridSignatureHoldsOverTimestampAndRawBodyOnly() {
        ProviderCalls.SendGridSigner sendGrid = new ProviderCalls.SendGridSigner();
        SendGridSignature verifier = new SendGridSignature(sendGrid.publicKey());
        String body = "[{\"email\":\"a@example.com\",\"event\":\"bounce\"}]";
        String signature = sendGrid.sign("1764986378", body);
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> verifier.verify(signature, "1764986378", raw)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(signature, "1764986379", raw)).isInstanceOf(WebhookRefused.class);
        assertThatThrownBy(() -> verifier.verify(signature, "1764986378", (body + " ").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookRefused.class);
        assertThatThrownBy(() -> verifier.verify(new ProviderCalls.SendGridSigner().sign("1764986378", body),
                "1764986378", raw)).isInstanceOf(WebhookRefused.class);
        assertThatThrownBy(() -> verifier.verify("not base64!", "1764986378", raw)).isInstanceOf(WebhookRefused.class);
        assertThatThrownBy(() -> verifier.verify(null, null, raw)).hasMessageContaining("signed Event Webhook");
    }

    @Test
    void sendGridKeyMustBeTheVerificationKey() {
        assertThatThrownBy(() -> new SendGridSignature("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendgrid.public-key");
    }

    @Test
    void mailgunSignatureIsHmacOfTimestampAndTokenUnderTheSigningKey() {
        String signed = ProviderCalls.mailgun("mailgun-complained.json", "mailgun-signing-key-0123", 1764986378L,
                "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
        MailgunSignature signature = MailgunSignature.from(JSON.readTree(signed));

        assertThatCode(() -> signature.verify("mailgun-signing-key-0123")).doesNotThrowAnyException();
        assertThatThrownBy(() -> signature.verify("another-signing-key-0123"))
                .isInstanceOfSatisfying(WebhookRefused.class, refused ->
                        org.assertj.core.api.Assertions.assertThat(refused.reason())
                                .isEqualTo(WebhookRefused.Reason.UNAUTHORIZED));
        MailgunSignature otherToken = new MailgunSignature(signature.timestamp(), signature.token() + "x",
                signature.signature());
        assertThatThrownBy(() -> otherToken.verify("mailgun-signing-key-0123")).isInstanceOf(WebhookRefused.class);
    }

    @Test
    void postmarkNeedsEveryConfiguredCredential() {
        FeedbackProperties.Postmark both = new FeedbackProperties.Postmark("postmark", "postmark-password-0123",
                "X-Deskpost-Webhook-Secret", "postmark-header-secret-0123");
        String basic = "Basic " + Base64.getEncoder().encodeToString("postmark:postmark-password-0123"
                .getBytes(StandardCharsets.UTF_8));

        assertThatCode(() -> PostmarkAuth.verify(both, basic, "postmark-header-secret-0123"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PostmarkAuth.verify(both, basic, "wrong")).hasMessageContaining("secret header");
        assertThatThrownBy(() -> PostmarkAuth.verify(both, null, "postmark-header-secret-0123"))
                .hasMessageContaining("basic auth");
        assertThatThrownBy(() -> PostmarkAuth.verify(both, "Basic " + Base64.getEncoder().encodeToString(
                "postmark:guess".getBytes(StandardCharsets.UTF_8)), "postmark-header-secret-0123"))
                .isInstanceOf(WebhookRefused.class);
        FeedbackProperties.Postmark basicOnly = new FeedbackProperties.Postmark("postmark", "postmark-password-0123",
                null, null);
        assertThatCode(() -> PostmarkAuth.verify(basicOnly, basic, null)).doesNotThrowAnyException();
    }
}
