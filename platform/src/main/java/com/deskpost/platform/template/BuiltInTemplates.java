package com.deskpost.platform.template;

import java.util.List;
import java.util.Map;

/**
 * The catalogue of Deskpost's built-in templates: the values each composer's mail model puts in (booking
 * {@code BookingMailModel}, billing {@code BillingMailModel}, access {@code AccessMailModel} and its composer,
 * community's announcement, inquiry and unsubscribe drafts) and believable sample values, already formatted as the
 * models format them (dates, amounts). Required: the facts a mail exists to tell.
 */
final class BuiltInTemplates {

    private static final String LOCATION = "Deskpost Canal Street";
    private static final String ADDRESS = "12 Canal Street, Manchester M1 3HE, GB";

    static final TemplateCatalogue CATALOGUE = booking(billing(access(community(TemplateCatalogue.builder()))))
            .build();

    private BuiltInTemplates() {
    }

    private static TemplateCatalogue.Builder booking(TemplateCatalogue.Builder catalogue) {
        catalogue.family("booking-events", Map.of("memberName", "Ada Lovelace", "locationName", LOCATION,
                "address", ADDRESS, "bookingId", "B-1042", "resourceName", "Meeting room Babbage",
                "resourceKind", "meeting room", "date", "Tuesday, 8 December 2026", "startTime", "10:00",
                "endTime", "11:30", "timeZone", "Europe/London"));
        for (String[] mail : new String[][] {{"booking-confirmation", "booking_created"},
                {"booking-modification", "booking_modified"}, {"booking-reminder", "booking_reminder"}}) {
            bookingMail(catalogue.mail(mail[0], mail[1])).required("bookingId", "date", "startTime").add();
        }
        bookingMail(catalogue.mail("booking-cancellation", "booking_cancelled"))
                .value("reason", "The room is closed for maintenance").required("bookingId").add();
        for (String[] mail : new String[][] {{"booking-guest-invitation", "booking_created"},
                {"booking-guest-update", "booking_modified"}, {"booking-guest-cancellation", "booking_cancelled"}}) {
            bookingMail(catalogue.mail(mail[0], mail[1])).value("recipientName", "Grace Hopper")
                    .required("bookingId").add();
        }
        return catalogue;
    }

    private static TemplateCatalogue.Builder.Mail bookingMail(TemplateCatalogue.Builder.Mail mail) {
        return mail.value("endDate", "").value("floor", "3rd floor").value("hasDetails", true);
    }

    private static TemplateCatalogue.Builder billing(TemplateCatalogue.Builder catalogue) {
        catalogue.family("billing-events", Map.of("memberName", "Ada Lovelace", "subscriptionId", "SUB-2001",
                "locationName", LOCATION, "address", ADDRESS));
        catalogue.mail("billing-renewal-reminder", "renewal_upcoming").value("planName", "Flex desk")
                .value("amount", "£249.00").value("periodStart", "1 January 2027").value("periodEnd", "31 January 2027")
                .required("amount", "periodStart").add();
        catalogue.mail("billing-receipt", "payment_succeeded").value("paymentId", "PAY-3001").value("amount", "£249.00")
                .value("paidAt", "7 December 2026, 09:12 (Europe/London)").value("periodStart", "1 December 2026")
                .value("periodEnd", "31 December 2026").value("method", "card ending 4242")
                .required("amount", "paymentId").add();
        catalogue.mail("billing-payment-failed", "payment_failed").value("paymentId", "PAY-3002")
                .value("amount", "£249.00").value("failedAt", "7 December 2026, 09:12 (Europe/London)")
                .value("failureReason", "card declined").value("retryAt", "10 December 2026, 09:00 (Europe/London)")
                .value("periodStart", "1 December 2026").required("amount", "failureReason").add();
        catalogue.mail("billing-invoice", "invoice_issued").value("invoiceId", "INV-2026-0012")
                .value("total", "£298.00").value("issuedOn", "7 December 2026").value("dueOn", "21 December 2026")
                .list("lines", List.of(
                        Map.of("description", "Flex desk", "quantity", 1, "unitAmount", "£249.00", "lineAmount",
                                "£249.00"),
                        Map.of("description", "Meeting room hours", "quantity", 7, "unitAmount", "£7.00",
                                "lineAmount", "£49.00")), "description", "quantity", "unitAmount", "lineAmount")
                .value("invoiceUrl", "https://billing.example.com/invoices/INV-2026-0012")
                .required("invoiceId", "total", "dueOn").add();
        catalogue.mail("billing-cancellation", "membership_cancelled").value("effectiveOn", "31 January 2027")
                .value("reason", "Moving to another city").required("effectiveOn").add();
        return catalogue;
    }

    private static TemplateCatalogue.Builder access(TemplateCatalogue.Builder catalogue) {
        catalogue.family("access-events", Map.of("recipientName", "Ada Lovelace", "locationName", LOCATION,
                "address", ADDRESS, "timeZone", "Europe/London"));
        String from = "8 December 2026, 08:00";
        String until = "8 December 2026, 18:00";
        catalogue.mail("access-keycard-provisioned", "keycard_provisioned").value("keycardId", "KC-5521")
                .value("validFrom", from).value("validUntil", "31 January 2027, 23:59")
                .value("zones", "Floor 3, Roof terrace").required("keycardId").add();
        catalogue.mail("access-keycard-revoked", "keycard_revoked").value("keycardId", "KC-5521")
                .value("reason", "Lost card reported").required("keycardId").add();
        catalogue.mail("access-door-code-changed", "door_code_changed").value("doorName", "Main entrance")
                .value("code", "482913").value("effectiveFrom", from).required("code", "doorName").add();
        catalogue.mail("access-after-hours-access", "after_hours_access").value("doorName", "Main entrance")
                .value("accessedAt", "7 December 2026, 23:41").value("reportedLate", "")
                .required("accessedAt", "doorName").add();
        catalogue.mail("access-master-keycode-reset", "master_keycode_reset").value("code", "90817265")
                .value("effectiveFrom", from).value("resetBy", "facility-manager").required("code").add();
        catalogue.mail("access-after-hours-override", "after_hours_override").value("doorName", "Main entrance")
                .value("windowStart", "8 December 2026, 20:00").value("windowEnd", "8 December 2026, 23:00")
                .value("authorisedBy", "Grace Hopper").value("reason", "Product launch")
                .required("windowStart", "windowEnd").add();
        catalogue.mail("access-visitor", "visitor_pre_authorized").value("visitorName", "Alan Turing")
                .value("validFrom", from).value("validUntil", until).value("code", "5521")
                .required("visitorName").add();
        catalogue.mail("access-visitor-staff", "visitor_pre_authorized").value("visitorName", "Alan Turing")
                .value("sponsorName", "Ada Lovelace").value("validFrom", from).value("validUntil", until)
                .required("visitorName").add();
        catalogue.mail("access-contractor", "contractor_access_granted").value("contractorName", "Charles Babbage")
                .value("company", "Engines Ltd").value("zones", "Plant room").value("validFrom", from)
                .value("validUntil", until).value("code", "7734").required("contractorName").add();
        catalogue.mail("access-contractor-staff", "contractor_access_granted")
                .value("contractorName", "Charles Babbage").value("company", "Engines Ltd")
                .value("sponsorName", "Ada Lovelace").value("zones", "Plant room").value("validFrom", from)
                .value("validUntil", until).required("contractorName").add();
        catalogue.mail("access-building-incident", "building_incident").value("incidentId", "INC-77")
                .value("summary", "Water leak on floor 3").value("severity", "high").value("zones", "Floor 3")
                .value("details", "Please avoid the east wing until further notice.").value("reportedLate", "")
                .required("summary").add();
        return catalogue;
    }

    private static TemplateCatalogue.Builder community(TemplateCatalogue.Builder catalogue) {
        catalogue.family("community-events", Map.of("locationName", LOCATION));
        catalogue.mail("community-announcement", "community_announcement", "promotional_announcement")
                .value("memberName", "Ada Lovelace").value("subject", "Winter social on Friday")
                .value("paragraphs", List.of("Join us on Friday at 18:00 in the lounge.", "Mulled wine included."))
                .value("community", true).required("paragraphs").add();
        catalogue.mail("inquiry-reply", "inquiry_reply").value("address", ADDRESS).value("name", "Grace Hopper")
                .value("tour", true).value("membership", false).value("preferredDate", "10 December 2026")
                .value("quoted", List.of("Could I see the space next week?")).add();
        catalogue.mail("inquiry-reply-mail", "inquiry_reply").value("address", ADDRESS).value("name", "Grace Hopper")
                .value("originalSubject", "Desk prices").value("followUp", false)
                .value("quoted", List.of("What does a flex desk cost?")).add();
        catalogue.mail("unsubscribe-confirmation", "unsubscribe_confirmation").add();
        return catalogue;
    }
}
