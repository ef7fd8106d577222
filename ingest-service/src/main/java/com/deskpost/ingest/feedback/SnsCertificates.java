package com.deskpost.ingest.feedback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies an SNS message's signature with the certificate its {@code SigningCertURL} names, fetched only from a URL
 * that matches the allowed pattern (by default {@code https://sns.<region>.amazonaws.com/....pem}), so a forger cannot
 * point Deskpost at a certificate of their own. Certificates are cached by URL (SNS rotates them rarely); the cache
 * holds at most {@value #MAX_CACHED} and starts over beyond that. The JDK's HTTP client and signature API do this
 * without the AWS SDK, which ingest does not otherwise need.
 */
final class SnsCertificates {

    static final int MAX_CACHED = 32;

    private final Pattern allowedUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, X509Certificate> cache = new ConcurrentHashMap<>();

    SnsCertificates(Pattern allowedUrl) {
        this.allowedUrl = allowedUrl;
    }

    /** @throws WebhookRefused UNAUTHORIZED unless the message's signature holds under an allowed certificate */
    void verify(SnsMessage message) {
        X509Certificate certificate = certificate(message.signingCertUrl());
        try {
            certificate.checkValidity();
            Signature verifier = Signature.getInstance(message.signatureAlgorithm());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message.stringToSign().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!verifier.verify(message.signatureBytes())) {
                throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The SNS message's signature does not "
                        + "match its contents: it was altered or not signed by Amazon SNS");
            }
        } catch (CertificateException e) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The SNS signing certificate "
                    + message.signingCertUrl() + " is expired or not yet valid", e);
        } catch (GeneralSecurityException e) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The SNS message's signature could not be "
                    + "checked: " + e.getMessage(), e);
        }
    }

    /** Whether a URL SNS gives (SigningCertURL, SubscribeURL) is one Deskpost may fetch. */
    boolean allowed(String url) {
        return url != null && allowedUrl.matcher(url).lookingAt() && !url.contains("@");
    }

    int cached() {
        return cache.size();
    }

    private X509Certificate certificate(String url) {
        if (!allowed(url)) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The SigningCertURL " + url + " is not an "
                    + "Amazon SNS certificate URL (deskpost.ingest.feedback.ses.sns-url-pattern): not fetched");
        }
        X509Certificate known = cache.get(url);
        if (known != null) {
            return known;
        }
        X509Certificate fetched = fetch(url);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(url, fetched);
        return fetched;
    }

    private X509Certificate fetch(String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new WebhookRefused(WebhookRefused.Reason.UNAVAILABLE, "The SNS signing certificate " + url
                        + " could not be fetched (HTTP " + response.statusCode() + ")");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
        } catch (CertificateException e) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAUTHORIZED, "The SNS signing certificate " + url
                    + " is not an X.509 certificate", e);
        } catch (IOException e) {
            throw new WebhookRefused(WebhookRefused.Reason.UNAVAILABLE, "The SNS signing certificate " + url
                    + " could not be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookRefused(WebhookRefused.Reason.UNAVAILABLE, "Interrupted fetching " + url, e);
        }
    }
}
