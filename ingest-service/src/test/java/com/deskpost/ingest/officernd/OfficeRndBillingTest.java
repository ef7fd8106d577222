package com.deskpost.ingest.officernd;

import static com.deskpost.ingest.officernd.OfficeRndBookingsTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.events.PostalAddress;
import com.deskpost.ingest.officernd.OfficeRndEvents.Ignored;
import com.deskpost.ingest.officernd.OfficeRndEvents.Mapped;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.ContractClasses;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** OfficeRnD's invoices and memberships as facility.billing, and ids found through the directory's external ids. */
class OfficeRndBillingTest {

    private static final String OLD_STREET = "5e1d8bd37f8759001051c0ff";
    private static final String GRACE = "6751c0de5a1b2c0012d4a0a1";
    private static final OfficeRndProperties PROPERTIES = new OfficeRndProperties("secret-secret-secret", "",
            "ornd-", Map.of(OLD_STREET, "LDN-OLD"), null, null, null);

    @BeforeAll
    static void trust() {
        ContractClasses.trust();
    }

    @Test
    void issuedInvoiceIsAnInvoiceIssuedInMinorUnits() {
        Mapped<?> mapped = (Mapped<?>) new OfficeRndEvents(PROPERTIES).map(sample("invoice-created"), false);

        assertThat(mapped.topic()).isEqualTo(Topics.FACILITY_BILLING);
        BillingEvent event = (BillingEvent) mapped.event();
        assertThat(event.getSubscriptionId()).isEqualTo("6760aa0f5a1b2c0012d4c501");
        assertThat(event.getMemberId()).isEqualTo("ornd-" + GRACE);
        assertThat(event.getHeader().getLocationId()).isEqualTo("LDN-OLD");
        assertThat(event.getHeader().getEntityVersion()).isEqualTo(Instant.parse("2026-12-01T06:00:00Z").toEpochMilli());
        InvoiceIssued invoice = (InvoiceIssued) event.getPayload();
        assertThat(invoice.getInvoiceId()).isEqualTo("INV-2026-0042");
        assertThat(invoice.getTotal()).isEqualTo(new Money(41850L, "GBP"));
        assertThat(invoice.getIssuedOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(invoice.getDueOn()).isEqualTo(LocalDate.of(2026, 12, 15));
        assertThat(invoice.getLines()).hasSize(2);
        assertThat(invoice.getLines().get(1).getUnitAmountMinor()).isEqualTo(2283L);
        assertThat(invoice.getLines().get(1).getQuantity()).isEqualTo(3);
    }

    @Test
    void membershipWithAnEndDateIsAMembershipCancelled() {
        BillingEvent event = (BillingEvent) ((Mapped<?>) new OfficeRndEvents(PROPERTIES)
                .map(sample("membership-ended"), false)).event();

        assertThat(event.getSubscriptionId()).isEqualTo("6751c0f05a1b2c0012d4b0b1");
        MembershipCancelled cancelled = (MembershipCancelled) event.getPayload();
        assertThat(cancelled.getEffectiveOn()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(cancelled.getReason()).isEqualTo("Moving abroad");
    }

    @Test
    void draftsCompanyInvoicesStartsFeesAndChargesAreIgnoredWithTheReason() {
        OfficeRndEvents events = new OfficeRndEvents(PROPERTIES);
        ObjectNode draft = (ObjectNode) sample("invoice-created");
        object(draft).put("status", "draft");
        assertThat(events.map(draft, false)).isInstanceOfSatisfying(Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("draft"));
        ObjectNode companyOnly = (ObjectNode) sample("invoice-created");
        object(companyOnly).remove("member");
        assertThat(events.map(companyOnly, false)).isInstanceOfSatisfying(Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("company"));
        ObjectNode started = (ObjectNode) sample("membership-ended");
        started.put("eventType", "membership.created");
        assertThat(events.map(started, false)).isInstanceOf(Ignored.class);
        ObjectNode stillRunning = (ObjectNode) sample("membership-ended");
        object(stillRunning).putNull("endDate");
        assertThat(events.map(stillRunning, false)).isInstanceOf(Ignored.class);
        ObjectNode fee = (ObjectNode) sample("invoice-created");
        fee.put("eventType", "fee.created");
        assertThat(events.map(fee, false)).isInstanceOfSatisfying(Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("invoice.created"));
    }

    @Test
    void badAmountsAndDatesAreNamedByPath() {
        OfficeRndEvents events = new OfficeRndEvents(PROPERTIES);
        ObjectNode textAmount = (ObjectNode) sample("invoice-created");
        object(textAmount).put("amount", "418.50");
        assertThatThrownBy(() -> events.map(textAmount, false)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.amount"));
        ObjectNode badLine = (ObjectNode) sample("invoice-created");
        ((ObjectNode) object(badLine).get("lines").get(1)).put("unitPrice", 22.835);
        assertThatThrownBy(() -> events.map(badLine, false)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.lines[1].unitPrice"));
        ObjectNode badDate = (ObjectNode) sample("membership-ended");
        object(badDate).put("endDate", "end of year");
        assertThatThrownBy(() -> events.map(badDate, false)).isInstanceOfSatisfying(InvalidJsonException.class,
                e -> assertThat(e.path()).isEqualTo("$.data.object.endDate"));
    }

    @Test
    void directorySyncWritesOfficeRndIdsAndBookingsFindTheDeskpostIdsThroughThem() {
        Member synced = (Member) ((Mapped<?>) new OfficeRndEvents(PROPERTIES).map(sample("member-created"), false))
                .event();
        assertThat(synced.getExternalIds()).isEqualTo(Map.of("officernd", GRACE));

        VendorIndex index = new VendorIndex();
        // the directory knows Grace under another id (a CSV import), and the office under another location id
        index.member("M-0042", Member.newBuilder(synced).setMemberId("M-0042").build());
        index.location("LDN-1", Location.newBuilder().setHeader(synced.getHeader()).setLocationId("LDN-1")
                .setName("Old Street").setAddress(PostalAddress.newBuilder().setLine1("1 Old Street")
                        .setCity("London").setPostalCode("EC1V 9HL").setCountry("GB").build())
                .setTimeZone("Europe/London").setJurisdiction("UK").setSenderMailbox("old-street@deskpost.example")
                .setSenderName("Old Street").setStaffMailbox("staff@deskpost.example")
                .setExternalIds(Map.of("officernd", OLD_STREET)).build());
        OfficeRndEvents indexed = new OfficeRndEvents(PROPERTIES, index);

        BookingEvent booking = (BookingEvent) ((Mapped<?>) indexed.map(sample("booking-created"), false)).event();
        BillingEvent invoice = (BillingEvent) ((Mapped<?>) indexed.map(sample("invoice-created"), false)).event();
        Member resynced = (Member) ((Mapped<?>) indexed.map(sample("member-created"), false)).event();

        assertThat(booking.getHeader().getLocationId()).isEqualTo("LDN-1");
        assertThat(invoice.getMemberId()).isEqualTo("M-0042");
        assertThat(invoice.getHeader().getLocationId()).isEqualTo("LDN-1");
        assertThat(resynced.getMemberId()).isEqualTo("M-0042");
        assertThat(resynced.getLocationIds()).containsExactly("LDN-1");
    }

    private static ObjectNode object(ObjectNode webhook) {
        return (ObjectNode) webhook.get("data").get("object");
    }
}
