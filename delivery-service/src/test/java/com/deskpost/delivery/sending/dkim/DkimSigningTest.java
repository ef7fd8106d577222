package com.deskpost.delivery.sending.dkim;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.sending.DeliveryProperties.Dkim;
import com.deskpost.delivery.sending.DeliveryProperties.Dkim.Key;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.preferences.PreferenceLinks;
import com.deskpost.delivery.preferences.PreferenceTokens;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.Location;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.util.List;
import java.util.Properties;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in isolation, verified by an independent implementation: the mail Deskpost builds, the
 * plain alert message, the Message-ID kept through a later save, and a domain without a key.
 */
class DkimSigningTest {

    private static final String DOMAIN = "shoreditch.deskpost.example";
    private static final Session SESSION = Session.getInstance(new Properties());

    private static KeyPair rsa;
    private static DkimSigning dkim;
    private static IndependentVerifier verifier;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(2048);
        dkim = DkimSigning.from(new Dkim(List.of(new Key(DOMAIN, "unit", null, TestKeys.pkcs8Pem(rsa.getPrivate())))));
        verifier = new IndependentVerifier(DOMAIN, "unit", TestKeys.dnsRecord(rsa.getPublic()));
    }

    @Test
    void aThreadedMailWithAnAttachmentIsSignedOverItsThreadHeaders() throws Exception {
        Location location = aLocation().build();
        MimeMessage mail = new MessageFactory(new UnsubscribeTokens("test"),
                new PreferenceLinks(new PreferenceTokens("test"), Duration.ofDays(180)), "https://mail.example.com")
                .primary(SESSION, aDraft().category(EmailCategory.TRANSACTIONAL).subject("Re: Café booking – 3 € refund")
                        .inReplyTo("<q-1@member.example>", "<q-0@member.example>")
                        .attachment("receipt.pdf", "application/pdf", "%PDF-1.4 receipt").build(), location);

        List<SignatureRecord> verified = verifier.verify(bytes(dkim.sign(mail)));

        assertThat(verified).singleElement().satisfies(signature -> {
            assertThat(signature.getDToken()).hasToString(DOMAIN);
            assertThat(signature.getHeaders()).map(CharSequence::toString).map(String::toLowerCase)
                    .contains("from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                            "reply-to", "in-reply-to", "references", "auto-submitted");
        });
    }

    @Test
    void aPlainAlertMessageIsSignedAndKeepsItsMessageIdThroughAnotherSave() throws Exception {
        MimeMessage alert = new MimeMessage(SESSION);
        alert.setFrom(new InternetAddress("hello@" + DOMAIN, "Deskpost Shoreditch"));
        alert.setRecipients(MimeMessage.RecipientType.TO, "staff@" + DOMAIN);
        alert.setSubject("Undeliverable security mail to ada@example.com");
        alert.setText("Deskpost could not deliver draft d-1.");
        alert.saveChanges();
        String messageId = alert.getMessageID();

        MimeMessage signed = dkim.sign(alert);
        signed.saveChanges(); // what Angus Mail does when it converts a message to 8BITMIME

        assertThat(signed.getMessageID()).isEqualTo(messageId);
        assertThat(verifier.verify(bytes(signed))).hasSize(1);
    }

    @Test
    void mailFromADomainWithoutAKeyIsLeftUnsigned() throws Exception {
        MimeMessage mail = new MimeMessage(SESSION);
        mail.setFrom(new InternetAddress("hello@camden.example.com"));
        mail.setRecipients(MimeMessage.RecipientType.TO, "member@example.com");
        mail.setText("Hello");
        mail.saveChanges();

        MimeMessage sent = dkim.sign(mail);

        assertThat(sent).isSameAs(mail);
        assertThat(sent.getHeader("DKIM-Signature")).isNull();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
