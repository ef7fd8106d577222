package com.deskpost.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What dead letters keep of records that may carry door codes, keycodes and entry codes. */
class CredentialRedactionTest {

    private static final String CODE = "4821-7730";

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private CredentialRedaction redaction;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        redaction = new CredentialRedaction(serdes);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void anAccessEventKeepsEverythingButTheFieldsTheContractDocumentsAsCredentials() {
        AccessEvent event = AccessEvent.newBuilder().setHeader(header()).setMemberId("M-1")
                .setPayload(VisitorPreAuthorized.newBuilder().setVisitorName("Grace").setValidFrom(Instant.EPOCH)
                        .setValidUntil(Instant.EPOCH).setAccessCode(CODE).build()).build();
        RecordHeaders headers = new RecordHeaders();

        byte[] kept = redaction.redact(Topics.FACILITY_ACCESS.name(), serdes.serialize(Topics.FACILITY_ACCESS, event),
                headers);

        VisitorPreAuthorized visitor = (VisitorPreAuthorized) serdes.deserialize(Topics.FACILITY_ACCESS, kept).getPayload();
        assertThat(visitor.getAccessCode()).isEqualTo(Secrets.MASK);
        assertThat(visitor.getVisitorName()).isEqualTo("Grace");
        assertThat(latin1(kept)).doesNotContain(CODE);
        assertThat(text(headers)).isEqualTo("credentials masked");
    }

    @Test
    void aReleasedDraftOnAnyLaneOrRetryTopicKeepsItsCredentialsMaskedEverywhere() {
        EmailDraft draft = EmailDraft.newBuilder(TestDrafts.draft("d-1", java.util.List.of(CODE))).setSubject("Code " + CODE)
                .setBodyText("Your code is " + CODE).setBodyHtml("<b>" + CODE + "</b>")
                .setSecrets(java.util.List.of(CODE)).build();
        OutboundEmail outbound = OutboundEmail.newBuilder().setDraft(draft).setRelease(Release.newBuilder()
                .setMode(OversightMode.MONITORED).setRule("test").setReleasedBy("policy").setReleasedAt(Instant.EPOCH)
                .build()).build();

        for (String topic : java.util.List.of("mail.outbound.priority", "mail.outbound.priority.retry-1000",
                "mail.outbound")) {
            byte[] kept = redaction.redact(topic, serdes.serialize(Topics.MAIL_OUTBOUND_PRIORITY, outbound),
                    new RecordHeaders());
            assertThat(latin1(kept)).as(topic).doesNotContain(CODE);
            EmailDraft masked = serdes.deserialize(Topics.MAIL_OUTBOUND, kept).getDraft();
            assertThat(masked.getBodyText()).isEqualTo("Your code is " + Secrets.MASK);
            assertThat(masked.getSecrets()).containsExactly(Secrets.MASK);
        }
    }

    @Test
    void anUndecodableRecordOnACredentialTopicIsWithheldAndOthersAreKeptByteForByte() {
        byte[] garbage = ("not avro " + CODE).getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();

        assertThat(redaction.redact(Topics.MAIL_DRAFTS_PRIORITY.name(), garbage, headers)).isEmpty();
        assertThat(text(headers)).startsWith("value withheld").contains(garbage.length + " bytes");

        BookingEvent booking = BookingEvent.newBuilder().setHeader(header()).setBookingId("B-1").setMemberId("M-1")
                .setPayload(BookingCancelled.newBuilder().build()).build();
        byte[] bytes = serdes.serialize(Topics.FACILITY_BOOKINGS, booking);
        RecordHeaders untouched = new RecordHeaders();
        assertThat(redaction.redact(Topics.FACILITY_BOOKINGS.name(), bytes, untouched)).isSameAs(bytes);
        assertThat(redaction.redact(Topics.FACILITY_BOOKINGS.name(), garbage, untouched)).isSameAs(garbage);
        assertThat(untouched.lastHeader(CredentialRedaction.HEADER)).isNull();
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
