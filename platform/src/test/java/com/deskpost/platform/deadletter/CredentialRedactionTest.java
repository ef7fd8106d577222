package com.deskpost.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.KeycardRevoked;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What dead letters keep of records that may carry door codes, keycodes and entry codes: sealed
 * credentials as they are (a redrive delivers them), clear ones sealed when the service holds the
 * public keys, else masked; undecodable records withheld.
 */
class CredentialRedactionTest {

    private static final String CODE = "4821-7730";

    private final CredentialKeys.PrivateKey key = CredentialKeys.generate("test-key");
    private final CredentialSealer sealer = new CredentialSealer(List.of(key.publicKey()));
    private final CredentialOpener opener = new CredentialOpener(List.of(key));
    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private CredentialRedaction masking;
    private CredentialRedaction sealing;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        masking = new CredentialRedaction(serdes);
        sealing = new CredentialRedaction(serdes, sealer);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void withThePublicKeysAClearAccessCredentialIsSealedForItsLocationAndMemberAndEverythingElseKept() {
        // Given a visitor event a facility system sent with the entry code in clear
        RecordHeaders headers = new RecordHeaders();

        // When it is dead-lettered by a service that holds Deskpost's public keys
        byte[] kept = sealing.redact(Topics.FACILITY_ACCESS.name(), serdes.serialize(Topics.FACILITY_ACCESS,
                visitorEvent(CODE)), headers);

        // Then the code is sealed, opens for the event's location and member only, and the rest is as it was
        VisitorPreAuthorized visitor = (VisitorPreAuthorized) serdes.deserialize(Topics.FACILITY_ACCESS, kept).getPayload();
        assertThat(visitor.getAccessCode()).startsWith("sealed:v1:test-key:");
        assertThat(opener.open(visitor.getAccessCode(), "LDN-1", "M-1")).isEqualTo(CODE);
        assertThat(visitor.getVisitorName()).isEqualTo("Grace");
        assertThat(latin1(kept)).doesNotContain(CODE);
        assertThat(text(headers)).isEqualTo(CredentialRedaction.SEALED);
    }

    @Test
    void withoutThePublicKeysAClearAccessCredentialIsMaskedAndASealedOneKept() {
        RecordHeaders clearHeaders = new RecordHeaders();
        byte[] clear = masking.redact(Topics.FACILITY_ACCESS.name(), serdes.serialize(Topics.FACILITY_ACCESS,
                visitorEvent(CODE)), clearHeaders);

        VisitorPreAuthorized masked = (VisitorPreAuthorized) serdes.deserialize(Topics.FACILITY_ACCESS, clear).getPayload();
        assertThat(masked.getAccessCode()).isEqualTo(Secrets.MASK);
        assertThat(masked.getVisitorName()).isEqualTo("Grace");
        assertThat(latin1(clear)).doesNotContain(CODE);
        assertThat(text(clearHeaders)).isEqualTo(CredentialRedaction.MASKED);

        // A value the facility system sealed is kept byte for byte, whoever dead-letters it
        String sealed = sealer.seal(CODE, "LDN-1", "M-1");
        byte[] original = serdes.serialize(Topics.FACILITY_ACCESS, visitorEvent(sealed));
        RecordHeaders sealedHeaders = new RecordHeaders();
        assertThat(masking.redact(Topics.FACILITY_ACCESS.name(), original, sealedHeaders)).isSameAs(original);
        assertThat(text(sealedHeaders)).isEqualTo(CredentialRedaction.SEALED);
    }

    @Test
    void aMalformedSealedValueMayHideAClearCodeAndIsMasked() {
        AccessEvent event = AccessEvent.newBuilder().setHeader(header()).setMemberId("M-1")
                .setPayload(DoorCodeChanged.newBuilder().setDoorId("D1").setDoorName("Front").setNewCode(
                        "sealed:v1:" + CODE).setEffectiveFrom(Instant.EPOCH).build()).build();
        RecordHeaders headers = new RecordHeaders();

        byte[] kept = sealing.redact(Topics.FACILITY_ACCESS.name(), serdes.serialize(Topics.FACILITY_ACCESS, event),
                headers);

        assertThat(((DoorCodeChanged) serdes.deserialize(Topics.FACILITY_ACCESS, kept).getPayload()).getNewCode())
                .isEqualTo(Secrets.MASK);
        assertThat(latin1(kept)).doesNotContain(CODE);
        assertThat(text(headers)).isEqualTo(CredentialRedaction.MASKED);
    }

    @Test
    void anAccessEventWithoutACredentialIsKeptAsItIsWithoutANote() {
        AccessEvent event = AccessEvent.newBuilder().setHeader(header()).setMemberId("M-1")
                .setPayload(KeycardRevoked.newBuilder().setKeycardId("K-1").setReason("lost").build()).build();
        byte[] bytes = serdes.serialize(Topics.FACILITY_ACCESS, event);
        RecordHeaders headers = new RecordHeaders();

        assertThat(sealing.redact(Topics.FACILITY_ACCESS.name(), bytes, headers)).isSameAs(bytes);
        assertThat(headers.lastHeader(CredentialRedaction.HEADER)).isNull();
    }

    @Test
    void aReleasedDraftWithSealedSecretsIsKeptAsItIsOnAnyLaneOrRetryTopic() {
        // Given a released door-code mail as composers write it now: a placeholder in the text, the code sealed
        String sealed = sealer.seal(CODE, "LDN-1", "M-1");
        EmailDraft draft = EmailDraft.newBuilder(TestDrafts.draft("d-1", List.of(sealed)))
                .setBodyText("Your code is " + CredentialPlaceholders.of(1)).setAboutMemberId("M-1").build();
        byte[] bytes = serdes.serialize(Topics.MAIL_OUTBOUND_PRIORITY, outbound(draft));

        for (String topic : List.of("mail.outbound.priority", "mail.outbound.priority.retry-1000", "mail.outbound")) {
            RecordHeaders headers = new RecordHeaders();
            // When it is dead-lettered, by a service with or without the public keys
            for (CredentialRedaction redaction : List.of(masking, sealing)) {
                byte[] kept = redaction.redact(topic, bytes, headers);

                // Then it is kept byte for byte, so a redrive delivers the code
                assertThat(kept).as(topic).isSameAs(bytes);
                assertThat(text(headers)).isEqualTo(CredentialRedaction.SEALED);
            }
        }
        EmailDraft kept = serdes.deserialize(Topics.MAIL_OUTBOUND, bytes).getDraft();
        assertThat(opener.reveal(kept).getBodyText()).isEqualTo("Your code is " + CODE);
    }

    @Test
    void aLegacyDraftWithClearSecretsIsStillMaskedEverywhere() {
        EmailDraft draft = EmailDraft.newBuilder(TestDrafts.draft("d-1", List.of(CODE))).setSubject("Code " + CODE)
                .setBodyText("Your code is " + CODE).setBodyHtml("<b>" + CODE + "</b>").build();

        for (String topic : List.of("mail.outbound.priority", "mail.outbound.priority.retry-1000", "mail.outbound")) {
            RecordHeaders headers = new RecordHeaders();
            byte[] kept = sealing.redact(topic, serdes.serialize(Topics.MAIL_OUTBOUND_PRIORITY, outbound(draft)),
                    headers);
            assertThat(latin1(kept)).as(topic).doesNotContain(CODE);
            EmailDraft masked = serdes.deserialize(Topics.MAIL_OUTBOUND, kept).getDraft();
            assertThat(masked.getBodyText()).isEqualTo("Your code is " + Secrets.MASK);
            assertThat(masked.getSecrets()).containsExactly(Secrets.MASK);
            assertThat(text(headers)).isEqualTo(CredentialRedaction.MASKED);
        }
    }

    @Test
    void aDraftWithoutSecretsIsKeptWithoutANote() {
        byte[] bytes = serdes.serialize(Topics.MAIL_DRAFTS, TestDrafts.draft("d-2", List.of()));
        RecordHeaders headers = new RecordHeaders();

        assertThat(sealing.redact(Topics.MAIL_DRAFTS.name(), bytes, headers)).isSameAs(bytes);
        assertThat(headers.lastHeader(CredentialRedaction.HEADER)).isNull();
    }

    @Test
    void anUndecodableRecordOnACredentialTopicIsWithheldAndOthersAreKeptByteForByte() {
        byte[] garbage = ("not avro " + CODE).getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();

        assertThat(sealing.redact(Topics.MAIL_DRAFTS_PRIORITY.name(), garbage, headers)).isEmpty();
        assertThat(text(headers)).startsWith(CredentialRedaction.WITHHELD).contains(garbage.length + " bytes");
        assertThat(sealing.redact(Topics.FACILITY_ACCESS.name(), garbage, new RecordHeaders())).isEmpty();

        BookingEvent booking = BookingEvent.newBuilder().setHeader(header()).setBookingId("B-1").setMemberId("M-1")
                .setPayload(BookingCancelled.newBuilder().build()).build();
        byte[] bytes = serdes.serialize(Topics.FACILITY_BOOKINGS, booking);
        RecordHeaders untouched = new RecordHeaders();
        assertThat(sealing.redact(Topics.FACILITY_BOOKINGS.name(), bytes, untouched)).isSameAs(bytes);
        assertThat(sealing.redact(Topics.FACILITY_BOOKINGS.name(), garbage, untouched)).isSameAs(garbage);
        assertThat(untouched.lastHeader(CredentialRedaction.HEADER)).isNull();
    }

    private static AccessEvent visitorEvent(String code) {
        return AccessEvent.newBuilder().setHeader(header()).setMemberId("M-1")
                .setPayload(VisitorPreAuthorized.newBuilder().setVisitorName("Grace").setValidFrom(Instant.EPOCH)
                        .setValidUntil(Instant.EPOCH).setAccessCode(code).build()).build();
    }

    private static OutboundEmail outbound(EmailDraft draft) {
        return OutboundEmail.newBuilder().setDraft(draft).setRelease(Release.newBuilder()
                .setMode(OversightMode.MONITORED).setRule("test").setReleasedBy("policy").setReleasedAt(Instant.EPOCH)
                .build()).build();
    }

    private static EventHeader header() {
        return EventHeader.newBuilder().setEventId("e-1").setOccurredAt(Instant.EPOCH).setSource("test")
                .setEntityVersion(1).setLocationId("LDN-1").setCorrelationId("c-1").build();
    }

    private static String text(RecordHeaders headers) {
        return new String(headers.lastHeader(CredentialRedaction.HEADER).value(), StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
