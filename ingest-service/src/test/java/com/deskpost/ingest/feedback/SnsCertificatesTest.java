package com.deskpost.ingest.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** SNS signatures, versions 1 and 2, checked against a certificate served over HTTP the way SNS serves it. */
class SnsCertificatesTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:deskpost-ses-feedback";
    private final ProviderCalls.SnsSigner sns = new ProviderCalls.SnsSigner();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private String certUrl;
    private SnsCertificates certificates;

    @BeforeEach
    void serveTheCertificate() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/SimpleNotificationService-0123abcd.pem", exchange -> {
            fetches.incrementAndGet();
            byte[] pem = sns.pem().getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, pem.length);
            exchange.getResponseBody().write(pem);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        certUrl = base + "SimpleNotificationService-0123abcd.pem";
        certificates = new SnsCertificates(Pattern.compile(Pattern.quote(base)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void bothSignatureVersionsHoldAndTheCertificateIsFetchedOnce() {
        // Given notifications signed with SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA)
        SnsMessage v1 = message(sns.notification(TOPIC, "{\"notificationType\":\"Bounce\"}", "1", certUrl,
                Instant.now()));
        SnsMessage v2 = message(sns.notification(TOPIC, "{\"notificationType\":\"Complaint\"}", "2", certUrl,
                Instant.now()));

        // When both are verified, then both hold, and the certificate was fetched once
        certificates.verify(v1);
        certificates.verify(v2);
        assertThat(fetches).hasValue(1);
        assertThat(certificates.cached()).isEqualTo(1);
    }

    @Test
    void aSubscriptionConfirmationIsSignedOverItsOwnKeys() {
        certificates.verify(message(sns.subscriptionConfirmation(TOPIC,
                "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc", certUrl, Instant.now())));
    }

    @Test
    void anAlteredMessageIsRefused() {
        // Given a signed notification whose Message was changed on the way
        String signed = sns.notification(TOPIC, "{\"notificationType\":\"Delivery\"}", "2", certUrl, Instant.now());
        String altered = signed.replace("Delivery", "Bounce");

        // Then its signature does not hold
        assertThatThrownBy(() -> certificates.verify(message(altered)))
                .isInstanceOfSatisfying(WebhookRefused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(WebhookRefused.Reason.UNAUTHORIZED);
                    assertThat(refused.getMessage()).contains("does not match");
                });
    }

    @Test
    void aMessageSignedByAnotherKeyIsRefused() {
        String forged = new ProviderCalls.SnsSigner().notification(TOPIC, "{}", "2", certUrl, Instant.now());
        assertThatThrownBy(() -> certificates.verify(message(forged))).isInstanceOf(WebhookRefused.class);
    }

    @Test
    void aCertificateOutsideTheAllowedUrlsIsNeverFetched() {
        String elsewhere = sns.notification(TOPIC, "{}", "2", "https://attacker.example/cert.pem", Instant.now());
        assertThatThrownBy(() -> certificates.verify(message(elsewhere)))
                .isInstanceOfSatisfying(WebhookRefused.class,
                        refused -> assertThat(refused.getMessage()).contains("not an Amazon SNS certificate URL"));
        assertThat(fetches).hasValue(0);
    }

    @Test
    void theDefaultPatternAcceptsOnlyAmazonSnsHosts() {
        SnsCertificates aws = new SnsCertificates(Pattern.compile(new FeedbackProperties(null, null, null, null, null,
                null).ses().snsUrlPattern()));
        assertThat(aws.allowed("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem")).isTrue();
        assertThat(aws.allowed("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem")).isTrue();
        assertThat(aws.allowed("http://sns.eu-west-1.amazonaws.com/x.pem")).isFalse();
        assertThat(aws.allowed("https://sns.eu-west-1.amazonaws.com.attacker.example/x.pem")).isFalse();
        assertThat(aws.allowed("https://attacker.example/sns.eu-west-1.amazonaws.com/x.pem")).isFalse();
    }

    private static SnsMessage message(String json) {
        return SnsMessage.from(JsonMapper.builder().build().readTree(json));
    }
}
