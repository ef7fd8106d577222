package com.deskpost.ingest.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Provider calls as each provider signs them, written from their public documentation: an SNS signer with its own
 * certificate, SendGrid's ECDSA key pair, Mailgun's HMAC; and the fixtures in test resources with a draft id put in.
 */
final class ProviderCalls {

    static final String DRAFT = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProviderCalls() {
    }

    /** A fixture from src/test/resources/feedback with DRAFT and BOUNCED_AT filled in. */
    static String fixture(String name) {
        try (InputStream in = ProviderCalls.class.getResourceAsStream("/feedback/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("DRAFT", DRAFT)
                    .replace("BOUNCED_AT", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Amazon SNS's side: an RSA key and the certificate a test serves at its SigningCertURL. */
    static final class SnsSigner {

        final KeyPair keys;
        final X509Certificate certificate;

        SnsSigner() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                Instant now = Instant.now();
                X500Name name = new X500Name("CN=sns.test.amazonaws.com");
                certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String pem() {
            try {
                return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A Notification carrying an SES notification, signed with the given SignatureVersion. */
        String notification(String topicArn, String sesJson, String version, String certUrl, Instant at) {
            ObjectNode message = JSON.createObjectNode();
            message.put("Type", "Notification");
            message.put("MessageId", UUID.randomUUID().toString());
            message.put("TopicArn", topicArn);
            message.put("Message", sesJson);
            message.put("Timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
            message.put("SignatureVersion", version);
            message.put("SigningCertURL", certUrl);
            message.put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe");
            String signed = "Message\n" + sesJson + "\nMessageId\n" + message.get("MessageId").asString()
                    + "\nTimestamp\n" + message.get("Timestamp").asString() + "\nTopicArn\n" + topicArn
                    + "\nType\nNotification\n";
            message.put("Signature", sign(signed, version));
            return JSON.writeValueAsString(message);
        }

        /** A SubscriptionConfirmation, signed with SignatureVersion 2. */
        String subscriptionConfirmation(String topicArn, String subscribeUrl, String certUrl, Instant at) {
            ObjectNode message = JSON.createObjectNode();
            message.put("Type", "SubscriptionConfirmation");
            message.put("MessageId", UUID.randomUUID().toString());
            message.put("Token", "2336412f37fb687f5d51e6e2425c464de12884a1");
            message.put("TopicArn", topicArn);
            message.put("Message", "You have chosen to subscribe to the topic " + topicArn
                    + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
            message.put("SubscribeURL", subscribeUrl);
            message.put("Timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
            message.put("SignatureVersion", "2");
            message.put("SigningCertURL", certUrl);
            String signed = "Message\n" + message.get("Message").asString() + "\nMessageId\n"
                    + message.get("MessageId").asString() + "\nSubscribeURL\n" + subscribeUrl + "\nTimestamp\n"
                    + message.get("Timestamp").asString() + "\nToken\n" + message.get("Token").asString()
                    + "\nTopicArn\n" + topicArn + "\nType\nSubscriptionConfirmation\n";
            message.put("Signature", sign(signed, "2"));
            return JSON.writeValueAsString(message);
        }

        private String sign(String text, String version) {
            try {
                Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
                signer.initSign(keys.getPrivate());
                signer.update(text.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** SendGrid's side: the EC key pair of the signed Event Webhook. */
    static final class SendGridSigner {

        final KeyPair keys;

        SendGridSigner() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
                keys = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The verification key as SendGrid shows it: base64 of the DER public key. */
        String publicKey() {
            return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        }

        String sign(String timestamp, String body) {
            try {
                Signature signer = Signature.getInstance("SHA256withECDSA");
                signer.initSign(keys.getPrivate());
                signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A Mailgun fixture signed: hex HMAC-SHA256 of timestamp + token under the signing key. */
    static String mailgun(String fixture, String signingKey, long timestamp, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token)
                    .getBytes(StandardCharsets.UTF_8)));
            return fixture(fixture).replace("\"TIMESTAMP\"", "\"" + timestamp + "\"")
                    .replace("\"TOKEN\"", "\"" + token + "\"").replace("\"SIGNATURE\"", "\"" + signature + "\"");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
