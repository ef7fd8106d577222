package com.deskpost.ingest.cobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.BookingModified;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Member;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.ingest.cobot.CobotEvents.Ignored;
import com.deskpost.ingest.cobot.CobotEvents.Records;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.ContractClasses;
import com.deskpost.schemas.json.InvalidJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Cobot's memberships, bookings and invoices as contract records; the URL guard's default; the change identity. */
class CobotEventsTest {

    private static final String ADA = "c0b07a11ce5a0000000000a1";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final CobotProperties PROPERTIES = new CobotProperties("token", "secret", null, "cobot-",
            "cb-", Map.of("co-up", "LDN-COUP"), null, null, null);

    @BeforeAll
    static void trust() {
        ContractClasses.trust();
    }

    @Test
    void confirmedMembershipIsAnActiveMemberWithItsCobotId() {
        Records records = (Records) events(new VendorIndex()).map(resource("memberships", "membership"), null, NOW);

        assertThat(records.records()).hasSize(1);
        assertThat(records.records().get(0).topic()).isEqualTo(Topics.FACILITY_MEMBERS);
        Member member = (Member) records.records().get(0).event();
        assertThat(member.getMemberId()).isEqualTo("cobot-" + ADA);
        assertThat(member.getExternalIds()).isEqualTo(Map.of("cobot", ADA));
        assertThat(member.getEmail()).isEqualTo("ada.lovelace@cobot-members.example");
        assertThat(member.getLocale()).isEqualTo("en-GB");
        assertThat(member.getLocationIds()).containsExactly("LDN-COUP");
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.getHeader().getEntityVersion())
                .isEqualTo(Instant.parse("2026-11-30T10:00:00Z").toEpochMilli());
        assertThat(member.getHeader().getOccurredAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void canceledMembershipIsTheMemberAndAMembershipCancelled() {
        Records records = (Records) events(new VendorIndex())
                .map(resource("memberships", "membership-canceled"), null, NOW);

        assertThat(records.records().stream().map(record -> record.topic().name()).toList())
                .containsExactly(Topics.FACILITY_MEMBERS.name(), Topics.FACILITY_BILLING.name());
        assertThat(((Member) records.records().get(0).event()).getStatus()).isEqualTo(MemberStatus.ACTIVE);
        BillingEvent billing = (BillingEvent) records.records().get(1).event();
        assertThat(billing.getSubscriptionId()).isEqualTo(ADA);
        assertThat(billing.getMemberId()).isEqualTo("cobot-" + ADA);
        assertThat(((MembershipCancelled) billing.getPayload()).getEffectiveOn()).isEqualTo(LocalDate.of(2099, 1, 31));
        assertThat(billing.getHeader().getEventId()).isNotEqualTo(
                ((Member) records.records().get(0).event()).getHeader().getEventId());
        // once its last day has passed, the member has left
        Member later = (Member) ((Records) events(new VendorIndex()).map(resource("memberships",
                "membership-canceled"), null, Instant.parse("2099-02-01T00:00:00Z"))).records().get(0).event();
        assertThat(later.getStatus()).isEqualTo(MemberStatus.LEFT);
    }

    @Test
    void bookingFindsItsMemberThroughTheDirectoryAndIsCreatedOrModified() {
        VendorIndex index = new VendorIndex();
        Member synced = (Member) ((Records) events(new VendorIndex()).map(resource("memberships", "membership"),
                null, NOW)).records().get(0).event();
        index.member("M-ADA", Member.newBuilder(synced).setMemberId("M-ADA").build());

        BookingEvent booking = (BookingEvent) ((Records) events(index).map(resource("bookings", "booking"), null, NOW))
                .records().get(0).event();
        BookingEvent updated = (BookingEvent) ((Records) events(index).map(resource("bookings", "booking"),
                "updated_booking", NOW)).records().get(0).event();

        assertThat(booking.getMemberId()).isEqualTo("M-ADA");
        assertThat(booking.getBookingId()).isEqualTo("cb-c0b0b00c1000000000000b01");
        assertThat(booking.getHeader().getLocationId()).isEqualTo("LDN-COUP");
        BookingCreated created = (BookingCreated) booking.getPayload();
        assertThat(created.getStartsAt()).isEqualTo(Instant.parse("2026-12-10T09:00:00Z"));
        assertThat(created.getResource().getName()).isEqualTo("Meeting room Babbage");
        assertThat(updated.getPayload()).isInstanceOf(BookingModified.class);
    }

    @Test
    void invoiceIsAnInvoiceIssuedInMinorUnits() {
        BillingEvent event = (BillingEvent) ((Records) events(new VendorIndex()).map(resource("invoices", "invoice"),
                null, NOW)).records().get(0).event();

        InvoiceIssued invoice = (InvoiceIssued) event.getPayload();
        assertThat(invoice.getInvoiceId()).isEqualTo("2026042");
        assertThat(invoice.getTotal()).isEqualTo(new Money(28800L, "GBP"));
        assertThat(invoice.getDueOn()).isEqualTo(LocalDate.of(2026, 12, 15));
        assertThat(invoice.getLines()).hasSize(2);
        assertThat(invoice.getLines().get(1).getUnitAmountMinor()).isEqualTo(2400L);
        assertThat(event.getMemberId()).isEqualTo("cobot-" + ADA);
    }

    @Test
    void guestBookingsAndUnmappedResourcesAreIgnoredAndBadFieldsNamedByPath() {
        CobotResource guest = resource("bookings", "booking");
        ((ObjectNode) guest.json()).putNull("membership");
        assertThat(events(new VendorIndex()).map(guest, null, NOW)).isInstanceOf(Ignored.class);
        assertThat(events(new VendorIndex()).map(resource("check_ins", "booking"), null, NOW))
                .isInstanceOf(Ignored.class);
        CobotResource badTime = resource("bookings", "booking");
        ((ObjectNode) badTime.json()).put("from", "tomorrow");
        assertThatThrownBy(() -> events(new VendorIndex()).map(badTime, null, NOW))
                .isInstanceOfSatisfying(InvalidJsonException.class, e -> assertThat(e.path()).isEqualTo("$.from"));
        CobotResource badAmount = resource("invoices", "invoice");
        ((ObjectNode) badAmount.json()).put("total_amount", "288.005");
        assertThatThrownBy(() -> events(new VendorIndex()).map(badAmount, null, NOW))
                .isInstanceOfSatisfying(InvalidJsonException.class,
                        e -> assertThat(e.path()).isEqualTo("$.total_amount"));
    }

    @Test
    void theChangeIsTheUrlAndUpdatedAtAndOnlyCobotsApiHostIsFetchedByDefault() {
        assertThat(resource("bookings", "booking").identity())
                .isEqualTo("https://co-up.cobot.me/api/bookings/x@2026-12-02T08:15:00Z");
        assertThat(PROPERTIES.allowed().matcher("https://co-up.cobot.me/api/memberships/93207605").matches()).isTrue();
        assertThat(PROPERTIES.allowed().matcher("http://co-up.cobot.me/api/memberships/1").matches()).isFalse();
        assertThat(PROPERTIES.allowed().matcher("https://co-up.cobot.me.evil.example/api/x").matches()).isFalse();
        assertThat(PROPERTIES.allowed().matcher("https://169.254.169.254/latest/meta-data").matches()).isFalse();
        assertThat(PROPERTIES.allowed().matcher("https://co-up.cobot.me/api/../../admin?x=1").matches()).isFalse();
        assertThat(CobotWebhookController.space(URI.create("https://co-up.cobot.me/api/bookings/1")))
                .isEqualTo("co-up");
    }

    private static CobotEvents events(VendorIndex index) {
        return new CobotEvents(PROPERTIES, index);
    }

    static CobotResource resource(String kind, String fixture) {
        String raw = fixture(fixture);
        return new CobotResource(URI.create("https://co-up.cobot.me/api/" + kind + "/x"), "co-up", kind,
                JsonMapper.builder().build().readTree(raw), raw);
    }

    static String fixture(String name) {
        try (InputStream in = CobotEventsTest.class.getResourceAsStream("/cobot/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
