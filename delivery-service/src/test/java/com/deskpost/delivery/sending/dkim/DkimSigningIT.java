package com.deskpost.delivery.sending.dkim;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.topic.Topics;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * DKIM end to end: mail released to the running delivery service reaches a real SMTP server signed
 * for its sender domain, and the bytes the server received verify with Apache James jDKIM, an
 * implementation independent of the signer, given the public key's DNS TXT record. Changing one
 * body byte or the Subject makes the verifier reject it; a sender domain without a key is sent
 * unsigned; a key setting that cannot be used keeps the service from starting.
 */
@ExtendWith(OutputCaptureExtension.class)
class DkimSigningIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DOMAIN = "shoreditch.deskpost.example";
    private static final String SELECTOR = "deskpost2026";
    /** US jurisdiction: commercial mail needs no prior opt-in there, so it is sent. */
    private static final Location SIGNED = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-1").setJurisdiction("US").setTimeZone("America/New_York").build();
    private static final Location UNSIGNED = Location.newBuilder(SIGNED).setLocationId("NYC-2")
            .setSenderMailbox("hello@camden.deskpost.example").setStaffMailbox("staff@camden.deskpost.example").build();

    private static DeliveryTestStack stack;
    private static Path keyDir;
    private static IndependentVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        KeyPair key = TestKeys.rsa(2048);
        keyDir = Files.createTempDirectory("dkim-it");
        Path keyFile = TestKeys.write(keyDir, "dkim.pem", TestKeys.pkcs8Pem(key.getPrivate()));
        verifier = new IndependentVerifier(DOMAIN, SELECTOR, TestKeys.dnsRecord(key.getPublic()));

        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, SIGNED.getLocationId(), SIGNED);
        stack.topics().publish(Topics.FACILITY_LOCATIONS, UNSIGNED.getLocationId(), UNSIGNED);
        stack.startService("--deskpost.delivery.dkim.keys[0].domain=" + DOMAIN,
                "--deskpost.delivery.dkim.keys[0].selector=" + SELECTOR,
                "--deskpost.delivery.dkim.keys[0].private-key-file=" + keyFile);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.stop();
        try (var files = Files.walk(keyDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aCommercialMailAndItsStaffCopyArriveSignedForTheSenderDomain() throws Exception {
        // Given a promotion, monitored so the staff get a copy
        EmailDraft promotion = draft("promo-dkim@example.com", "NYC-1", EmailCategory.COMMERCIAL);

        // When it is released
        release(promotion, "staff-dkim@example.com");

        // Then the bytes the SMTP server received carry a signature the independent verifier accepts
        byte[] received = raw(awaitOnlyMessageTo("promo-dkim@example.com"));
        SignatureRecord signature = verifier.verify(received).get(0);
        assertThat(signature.getDToken()).hasToString(DOMAIN);
        assertThat(signature.getSelector()).hasToString(SELECTOR);
        assertThat(signature.getHashKeyType()).hasToString("rsa");
        assertThat(signature.getHashMethod()).hasToString("sha256");
        assertThat(signature.getHeaders()).map(CharSequence::toString).map(String::toLowerCase)
                .contains("from", "to", "subject", "date", "message-id", "mime-version", "content-type", "reply-to",
                        "list-unsubscribe", "list-unsubscribe-post");
        assertThat(new String(received, StandardCharsets.US_ASCII)).contains("c=relaxed/relaxed;");
        // And the staff copy is signed too
        byte[] copy = raw(awaitOnlyMessageTo("staff-dkim@example.com"));
        assertThat(verifier.verify(copy)).singleElement()
                .satisfies(copySignature -> assertThat(copySignature.getDToken()).hasToString(DOMAIN));
    }

    @Test
    void changingOneBodyByteOrTheSubjectBreaksTheSignature() throws Exception {
        // Given a delivered, verifiable mail
        EmailDraft draft = draft("tamper-dkim@example.com", "NYC-1", EmailCategory.TRANSACTIONAL);
        release(draft, null);
        String received = new String(raw(awaitOnlyMessageTo("tamper-dkim@example.com")), StandardCharsets.US_ASCII);
        assertThat(verifier.verify(received.getBytes(StandardCharsets.US_ASCII))).hasSize(1);

        // When one byte of the body is changed, or the Subject
        int body = received.indexOf("\r\n\r\n") + 4;
        int byteInBody = received.indexOf("Your booking", body);
        assertThat(byteInBody).isGreaterThan(body);
        String bodyChanged = received.substring(0, byteInBody) + "y" + received.substring(byteInBody + 1);
        String subjectChanged = received.replace("Subject: Booking confirmed", "Subject: Booking cancelled");
        assertThat(subjectChanged).isNotEqualTo(received);

        // Then the verifier rejects both
        assertThatThrownBy(() -> verifier.verify(bodyChanged.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(PermFailException.class).hasMessageContaining("bodyhash");
        assertThatThrownBy(() -> verifier.verify(subjectChanged.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(PermFailException.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void aKeySettingThatCannotBeUsedStopsTheServiceFromStartingAndNamesIt(CapturedOutput output) {
        Path missing = keyDir.resolve("camden.pem");

        // A second instance of the service, on the same infrastructure, with a key file that does not exist
        assertThatThrownBy(() -> stack.startService("--deskpost.delivery.dkim.keys[0].domain=camden.deskpost.example",
                "--deskpost.delivery.dkim.keys[0].selector=" + SELECTOR,
                "--deskpost.delivery.dkim.keys[0].private-key-file=" + missing))
                .satisfies(failure -> assertThat(causes(failure)).anySatisfy(cause -> assertThat(cause)
                        .isInstanceOf(InvalidDkimSettings.class)
                        .hasMessageContaining("deskpost.delivery.dkim.keys[0].private-key-file " + missing)
                        .hasMessageContaining("cannot be read")));
        // And the start-up failure report leads with it
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .containsPattern("Description:\\s+DKIM: deskpost\\.delivery\\.dkim\\.keys\\[0]\\.private-key-file");
    }

    @Test
    void mailFromASenderDomainWithoutAKeyIsSentUnsigned() throws Exception {
        release(draft("unsigned-dkim@example.com", "NYC-2", EmailCategory.TRANSACTIONAL), null);

        MimeMessage mail = awaitOnlyMessageTo("unsigned-dkim@example.com");

        assertThat(mail.getHeader("From", null)).contains("@camden.deskpost.example");
        assertThat(mail.getHeader("DKIM-Signature")).isNull();
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    private static EmailDraft draft(String to, String locationId, EmailCategory category) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(locationId).category(category)
                        .to(to, "Member").subject("Booking confirmed")
                        .body("Your booking of Room 4 is confirmed.", "<p>Your booking of Room 4 is confirmed.</p>")
                        .build())
                .setSupersedeKey("booking:" + UUID.randomUUID()).build();
    }

    private static void release(EmailDraft draft, String copyTo) {
        Release release = Release.newBuilder().setMode(copyTo == null ? OversightMode.AUTONOMOUS : OversightMode.MONITORED)
                .setRule("test").setReleasedBy("policy").setReleasedAt(Instant.now()).setCopyTo(copyTo).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static MimeMessage awaitOnlyMessageTo(String address) {
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(address).size() == 1);
        return stack.smtp().messagesTo(address).get(0);
    }

    /** The message as the SMTP server stored it, written back unchanged (its Received header included). */
    private static byte[] raw(MimeMessage received) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.writeTo(out);
        return out.toByteArray();
    }
}
