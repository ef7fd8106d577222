package com.deskpost.ingest.cobot;

import static com.deskpost.ingest.cobot.CobotResource.ROOT;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.InvoiceLine;
import com.deskpost.events.Money;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
                .setLines(lines(invoice, currency))
                .setInvoiceUrl(Fields.optionalText(invoice, ROOT, "url").orElse(null))
                .build();
        return Optional.of(BillingEvent.newBuilder()
                .setHeader(resource.header(ids.location(resource.space()), now))
                .setSubscriptionId(resource.id())
                .setMemberId(ids.member(membership.get(), null))
                .setPayload(payload)
                .build());
    }

    private static List<InvoiceLine> lines(JsonNode invoice, String currency) {
        JsonNode items = invoice.path("items");
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; items.isArray() && i < items.size(); i++) {
            String path = ROOT + ".items[" + i + "]";
            JsonNode item = items.get(i);
            lines.add(InvoiceLine.newBuilder().setDescription(Fields.text(item, path, "description"))
                    .setQuantity(item.path("quantity").isNumber() ? item.path("quantity").asInt() : 1)
                    .setUnitAmountMinor(CobotJson.minor(item, path, "amount", currency)).build());
        }
        return lines;
    }
}
