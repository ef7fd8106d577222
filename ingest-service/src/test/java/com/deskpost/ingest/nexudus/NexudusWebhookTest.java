package com.deskpost.ingest.nexudus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingCancelled;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Member;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.ResourceKind;
import com.deskpost.ingest.auth.AuthenticationFailed;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.json.InvalidJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nexudus's webhooks mapped and verified without a broker. The fixtures are written from Nexudus's documented booking
 * and coworker records (developers.nexudus.com "Get one Booking", "Coworker"), sent as Nexudus sends them: the record
 * in a one-element array; signatures as help.nexudus.com "Verifying Webhooks Created via the API" describes.
 */
class NexudusWebhookTest {

    private static final String SECRET = "nexudus-app-shared-secret";
    private final NexudusProperties properties = new NexudusProperties(SECRET, "NX-B-", "NX-M-",
            Map.of("1001", "LDN-NX"), null, null, null);
    private final VendorIndex index = new VendorIndex();
    private final NexudusEvents events = new NexudusEvents(properties, index);

    @Test
    void aBookingCreateIsABookingCreatedForTheCoworkersMemberInTheMappedLocation() {
        // Given the directory lists the coworker under their Nexudus id
        index.member("M-ZOE", Member.newBuilder(coworker()).setMemberId("M-ZOE").build());

        // When Nexudus's BookingCreate for business 1001 is mapped
        NexudusEvents.Mapped<?> mapped = (NexudusEvents.Mapped<?>) events.map(webhook("BookingCreate", "1001",
                fixture("booking-create.json")));

        // Then it is a BookingCreated for that member, keyed by the prefixed booking id
        assertThat(mapped.topic()).isEqualTo(Topics.FACILITY_BOOKINGS);
        BookingEvent booking = (BookingEvent) mapped.event();
        assertThat(booking.getBookingId()).isEqualTo("NX-B-91001");
        assertThat(booking.getMemberId()).isEqualTo("M-ZOE");
        assertThat(booking.getHeader().getLocationId()).isEqualTo("LDN-NX");
        assertThat(booking.getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(booking.getHeader().getEntityVersion()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z")
                .toEpochMilli());
        BookingCreated created = (BookingCreated) booking.getPayload();
        assertThat(created.getStartsAt()).isEqualTo(Instant.parse("2026-12-14T09:00:00Z"));
        assertThat(created.getEndsAt()).isEqualTo(Instant.parse("2026-12-14T10:30:00Z"));
        assertThat(created.getResource().getName()).isEqualTo("Meeting room Lovelace");
        assertThat(created.getResource().getKind()).isEqualTo(ResourceKind.MEETING_ROOM);
        assertThat(created.getNotes()).isEqualTo("Board review");
        assertThat(mapped.deliveryId()).isEqualTo("BookingCreate:91001:" + booking.getHeader().getOccurredAt()
                .toEpochMilli());
    }

    @Test
    void aBookingForACoworkerTheDirectoryDoesNotKnowUsesThePrefixedCoworkerId() {
        BookingEvent booking = (BookingEvent) ((NexudusEvents.Mapped<?>) events.map(webhook("BookingCreate", "2002",
                fixture("booking-create.json")))).event();

        assertThat(booking.getMemberId()).isEqualTo("NX-M-55001");
        assertThat(booking.getHeader().getLocationId()).isEqualTo("2002");
    }

    @Test
    void aBookingDeleteIsACancellationThatSupersedesTheLastChange() {
        BookingEvent booking = (BookingEvent) ((NexudusEvents.Mapped<?>) events.map(webhook("BookingDelete", "1001",
                fixture("booking-create.json")))).event();

        assertThat(booking.getPayload()).isInstanceOf(BookingCancelled.class);
        assertThat(booking.getHeader().getEntityVersion()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z")
                .toEpochMilli() + 1);
    }

    @Test
    void aCoworkerIsAMemberCarryingTheirNexudusIdAndADeletedOneHasLeft() {
        Member member = coworker();

        assertThat(member.getMemberId()).isEqualTo("NX-M-55001");
        assertThat(member.getEmail()).isEqualTo("zoe.nexudus@members.example");
        assertThat(member.getName()).isEqualTo("Zoë Nexudus");
        assertThat(member.getLocationIds()).containsExactly("LDN-NX");
        assertThat(member.getExternalIds()).containsEntry("nexudus", "55001");
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);

        Member deleted = (Member) ((NexudusEvents.Mapped<?>) events.map(webhook("CoworkerDelete", "1001",
                fixture("coworker-create.json")))).event();
        assertThat(deleted.getStatus()).isEqualTo(MemberStatus.LEFT);
    }

    @Test
    void aMemberAlreadyInTheDirectoryKeepsTheirIdAndOtherVendorsIds() {
        // Given the directory lists the coworker's email under another vendor's id
        index.member("M-ZOE", Member.newBuilder(coworker()).setMemberId("M-ZOE")
                .setExternalIds(Map.of("officernd", "5e8c")).build());

        // When Nexudus's CoworkerUpdate for them is mapped
        Member member = (Member) ((NexudusEvents.Mapped<?>) events.map(webhook("CoworkerUpdate", "1001",
                fixture("coworker-create.json")))).event();

        // Then they keep their Deskpost id and the other vendor's id, and gain Nexudus's
        assertThat(member.getMemberId()).isEqualTo("M-ZOE");
        assertThat(member.getExternalIds()).containsEntry("officernd", "5e8c").containsEntry("nexudus", "55001");
    }

    @Test
    void aPaidContractInvoiceIsAPaymentForTheInvoicedPeriodKeyedByTheContract() {
        BillingEvent billing = (BillingEvent) ((NexudusEvents.Mapped<?>) events.map(webhook("CoworkerInvoicePaid",
                "1001", fixture("invoice-paid.json")))).event();

        assertThat(billing.getSubscriptionId()).isEqualTo("c0ffee00-1234-4a5b-9c8d-0e1f2a3b4c5d");
        assertThat(billing.getMemberId()).isEqualTo("NX-M-55001");
        PaymentSucceeded paid = (PaymentSucceeded) billing.getPayload();
        assertThat(paid.getPaymentId()).isEqualTo("NX-INV-0042");
        assertThat(paid.getAmount().getAmountMinor()).isEqualTo(25_000L);
        assertThat(paid.getAmount().getCurrency()).isEqualTo("GBP");
        assertThat(paid.getPaidAt()).isEqualTo(Instant.parse("2026-12-05T14:20:00Z"));
        assertThat(paid.getPeriodStart()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(paid.getPeriodEnd()).isEqualTo(LocalDate.parse("2026-12-31"));

        InvoiceIssued issued = (InvoiceIssued) ((BillingEvent) ((NexudusEvents.Mapped<?>) events.map(webhook(
                "CoworkerInvoiceCreate", "1001", fixture("invoice-paid.json")))).event()).getPayload();
        assertThat(issued.getIssuedOn()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(issued.getDueOn()).isEqualTo(LocalDate.parse("2026-12-10"));
    }

    @Test
    void aCancelledContractIsAMembershipCancelledOnItsCancellationDate() {
        BillingEvent billing = (BillingEvent) ((NexudusEvents.Mapped<?>) events.map(webhook("CoworkerContractCancel",
                "1001", fixture("contract-cancel.json")))).event();

        assertThat(billing.getSubscriptionId()).isEqualTo("c0ffee00-1234-4a5b-9c8d-0e1f2a3b4c5d");
        MembershipCancelled cancelled = (MembershipCancelled) billing.getPayload();
        assertThat(cancelled.getEffectiveOn()).isEqualTo(LocalDate.parse("2027-01-31"));
        assertThat(cancelled.getReason()).isEqualTo("Moving to another space");
    }

    @Test
    void anInvoiceOfNoContractIsIgnored() {
        String oneOff = fixture("invoice-paid.json").replace(
                "\"ContractGuid\": \"c0ffee00-1234-4a5b-9c8d-0e1f2a3b4c5d\",", "\"ContractGuid\": null,");

        assertThat(events.map(webhook("CoworkerInvoicePaid", "1001", oneOff)))
                .isInstanceOfSatisfying(NexudusEvents.Ignored.class,
                        ignored -> assertThat(ignored.reason()).contains("no contract"));
    }

    @Test
    void checkInsInvoicesAndUnknownActionsAreIgnoredWithTheReason() {
        assertThat(NexudusEvents.unmapped("CoworkerCheckin").reason()).contains("facility.access has no payload");
        assertThat(NexudusEvents.unmapped("CoworkerInvoiceRefund").reason()).contains("facility.billing");
        assertThat(NexudusEvents.unmapped("BlogPostCreate").reason()).contains("BookingCreate", "CoworkerCreate");
    }

    @Test
    void aRecordWithoutItsTimesIsRefusedNamingThePath() {
        String noEnd = fixture("booking-create.json").replace("\"ToTime\": \"2026-12-14T10:30:00Z\",", "");

        assertThatThrownBy(() -> events.map(webhook("BookingCreate", "1001", noEnd)))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("$[0].ToTime");
        assertThatThrownBy(() -> NexudusWebhook.of("BookingCreate", "1001", "{\"Id\": [1, 2".getBytes(
                StandardCharsets.UTF_8), ZoneId.of("UTC"))).isInstanceOf(InvalidJsonException.class);
    }

    @Test
    void theSignatureIsTheUpperCaseHexHmacOfTheBodyAsNexudusEncodesIt() {
        byte[] body = fixture("coworker-create.json").getBytes(StandardCharsets.UTF_8);
        // Nexudus hashes the ASCII-encoded JSON: "Zoë" is hashed as "Zo?"
        String nexudus = NexudusSignature.sign(SECRET, NexudusSignature.asNexudusAscii(body));

        NexudusSignature.verify(nexudus, body, SECRET);
        NexudusSignature.verify(NexudusSignature.sign(SECRET, body).toLowerCase(), body, SECRET);
        assertThatThrownBy(() -> NexudusSignature.verify(NexudusSignature.sign("another-secret", body), body, SECRET))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("webhook-secret");
        assertThatThrownBy(() -> NexudusSignature.verify(null, body, SECRET))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining(NexudusSignature.HEADER);
        byte[] tampered = fixture("coworker-create.json").replace("55001", "55002").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> NexudusSignature.verify(nexudus, tampered, SECRET))
                .isInstanceOf(AuthenticationFailed.class);
    }

    private Member coworker() {
        return (Member) ((NexudusEvents.Mapped<?>) events.map(webhook("CoworkerCreate", "1001",
                fixture("coworker-create.json")))).event();
    }

    private NexudusWebhook webhook(String action, String business, String body) {
        return NexudusWebhook.of(action, business, body.getBytes(StandardCharsets.UTF_8), ZoneId.of("UTC"));
    }

    static String fixture(String name) {
        try (InputStream in = NexudusWebhookTest.class.getResourceAsStream("/nexudus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
