package com.deskpost.ingest.nexudus;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.schemas.json.InvalidJsonException;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Nexudus's invoice and contract webhooks as a {@link BillingEvent}, keyed by the membership contract: a contract's
 * {@code UniqueId}, which each of its invoices carries as {@code ContractGuid}. {@code CoworkerInvoiceCreate} is an
 * {@link InvoiceIssued}; {@code CoworkerInvoicePaid} a {@link PaymentSucceeded} for the invoiced period;
 * {@code CoworkerInvoiceFailedPayment} a {@link PaymentFailed}; {@code CoworkerContractCancel} a
 * {@link MembershipCancelled} from the contract's {@code CancellationDate}. Fields are Nexudus's CoworkerInvoice and
 * CoworkerContract records (developers.nexudus.com).
 *
 * <p>An invoice of no contract (a booking or product charge) is acknowledged unmapped, as Stripe's one-off invoices
 * are: Deskpost's billing mail is about memberships. Nexudus's record carries no payment id or failure reason, so the
 * invoice number stands for the payment and the reason is "payment_failed".
 */
final class NexudusBilling {

    static final List<String> ACTIONS = List.of("CoworkerInvoiceCreate", "CoworkerInvoicePaid",
            "CoworkerInvoiceFailedPayment", "CoworkerContractCancel");

    private final NexudusProperties properties;
    private final VendorIndex index;

    NexudusBilling(NexudusProperties properties, VendorIndex index) {
        this.properties = properties;
        this.index = index;
    }

    /** The billing event, or empty for an invoice that belongs to no contract. */
    Optional<BillingEvent> map(NexudusWebhook webhook, String locationId) {
        boolean contract = "CoworkerContractCancel".equals(webhook.action());
        String subscription = contract ? webhook.text("UniqueId") : webhook.optionalText("ContractGuid");
        if (subscription == null) {
            return Optional.empty();
        }
        String member = index.member("nexudus", webhook.id("CoworkerId"), null, properties.memberIdPrefix());
        return Optional.of(BillingEvent.newBuilder()
                .setHeader(webhook.header(locationId))
                .setSubscriptionId(subscription)
                .setMemberId(member)
                .setPayload(contract ? cancellation(webhook) : invoice(webhook))
                .build());
    }

    private Object invoice(NexudusWebhook webhook) {
        String number = webhook.text("InvoiceNumber");
        return switch (webhook.action()) {
            case "CoworkerInvoiceCreate" -> InvoiceIssued.newBuilder().setInvoiceId(number)
                    .setTotal(money(webhook, "TotalAmount")).setIssuedOn(day(webhook.createdAt()))
                    .setDueOn(webhook.record().hasNonNull("DueDate") ? date(webhook, "DueDate")
                            : day(webhook.createdAt()))
                    .build();
            case "CoworkerInvoicePaid" -> PaymentSucceeded.newBuilder().setPaymentId(number)
                    .setAmount(money(webhook, webhook.record().hasNonNull("PaidAmount") ? "PaidAmount"
                            : "TotalAmount"))
                    .setPaidAt(webhook.record().hasNonNull("PaidOn") ? webhook.dateTime("PaidOn")
                            : webhook.changedAt())
                    .setPeriodStart(date(webhook, "InvoiceFromDate")).setPeriodEnd(date(webhook, "InvoiceToDate"))
                    .build();
            default -> PaymentFailed.newBuilder().setPaymentId(number).setAmount(money(webhook, "TotalAmount"))
                    .setFailedAt(webhook.changedAt()).setFailureReason("payment_failed")
                    .setPeriodStart(date(webhook, "InvoiceFromDate")).build();
        };
    }

    private MembershipCancelled cancellation(NexudusWebhook webhook) {
        String reason = webhook.optionalText("CancellationNotes");
        JsonNode code = webhook.record().get("CancellationReason");
        if (reason == null && code != null && code.isString()) {
            reason = code.stringValue();
        }
        return MembershipCancelled.newBuilder().setEffectiveOn(date(webhook, "CancellationDate")).setReason(reason)
                .build();
    }

    /** Nexudus amounts are decimals in the currency's major unit ({@code 250.00}); the contract wants minor units. */
    private static Money money(NexudusWebhook webhook, String field) {
        JsonNode amount = webhook.record().get(field);
        String path = NexudusWebhook.RECORD + "." + field;
        if (amount == null || !amount.isNumber()) {
            throw new InvalidJsonException(path, amount == null || amount.isNull() ? "missing required field"
                    : "expected a number");
        }
        String code = webhook.text("CurrencyCode").toUpperCase(Locale.ROOT);
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidJsonException(NexudusWebhook.RECORD + ".CurrencyCode", "not an ISO 4217 code: " + code);
        }
        long minor = amount.decimalValue().movePointRight(Math.max(0, currency.getDefaultFractionDigits()))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Money.newBuilder().setAmountMinor(minor).setCurrency(code).build();
    }

    private LocalDate date(NexudusWebhook webhook, String field) {
        return day(Fields.dateTime(webhook.record(), NexudusWebhook.RECORD, field, properties.timeZone().getId()));
    }

    private LocalDate day(java.time.Instant instant) {
        return instant.atZone(properties.timeZone()).toLocalDate();
    }
}
