package com.deskpost.ingest.cobot;

import static com.deskpost.ingest.cobot.CobotResource.ROOT;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Money;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.InvoiceLines;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Cobot invoice ({@code created_invoice}, {@code sent_invoice}) as an {@link InvoiceIssued} on facility.billing,
 * keyed by the invoice (each invoice is its own billing entity). An invoice without a membership (billed to a
 * non-member contact) names no member to mail and maps to nothing; one without a {@code due_date} is due on its issue
 * day. Amounts are Cobot's decimals in the currency's minor unit.
 */
final class CobotInvoices {

    private final CobotIds ids;

    CobotInvoices(CobotIds ids) {
        this.ids = ids;
    }

    Optional<BillingEvent> map(CobotResource resource, Instant now) {
        JsonNode invoice = resource.json();
        Optional<String> membership = CobotJson.optionalString(invoice, ROOT, "membership_id")
                .or(() -> invoice.path("membership").isObject()
                        ? CobotJson.optionalString(invoice.get("membership"), ROOT + ".membership", "id")
                        : Optional.empty());
        if (membership.isEmpty()) {
            return Optional.empty();
        }
        String currency = Fields.text(invoice, ROOT, "currency").toUpperCase(Locale.ROOT);
        LocalDate issued = CobotJson.optionalDay(invoice, ROOT, "invoice_date")
                .orElseThrow(() -> new InvalidJsonException(ROOT + ".invoice_date",
                        "missing required field"));
        InvoiceIssued payload = InvoiceIssued.newBuilder()
                .setInvoiceId(CobotJson.optionalString(invoice, ROOT, "invoice_number").orElse(resource.id()))
                .setTotal(new Money(CobotJson.minor(invoice, ROOT, "total_amount", currency), currency))
                .setIssuedOn(issued)
                .setDueOn(CobotJson.optionalDay(invoice, ROOT, "due_date").orElse(issued))
                .setLines(InvoiceLines.of(invoice, ROOT, "items", "amount",
                        (item, path, name) -> CobotJson.minor(item, path, name, currency)))
                .setInvoiceUrl(Fields.optionalText(invoice, ROOT, "url").orElse(null))
                .build();
        return Optional.of(BillingEvent.newBuilder()
                .setHeader(resource.header(ids.location(resource.space()), now))
                .setSubscriptionId(resource.id())
                .setMemberId(ids.member(membership.get(), null))
                .setPayload(payload)
                .build());
    }
}
