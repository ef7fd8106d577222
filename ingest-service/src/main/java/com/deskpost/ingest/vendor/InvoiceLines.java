package com.deskpost.ingest.vendor;

import com.deskpost.events.InvoiceLine;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A vendor invoice's line items as the contract's lines: each item's {@code description}, its {@code quantity} (1 when
 * the vendor gives none) and its unit amount in minor units, read by the vendor's own amount rule. An error names the
 * item's JSON path ({@code $.items[2].amount}).
 */
public final class InvoiceLines {

    /** Reads one amount of an item, in minor units: how the vendor writes amounts (numbers, decimal strings). */
    @FunctionalInterface
    public interface Amount {
        long minor(JsonNode item, String path, String name);
    }

    private InvoiceLines() {
    }

    /** The items of {@code invoice}'s array {@code items} (none when absent), at {@code path}. */
    public static List<InvoiceLine> of(JsonNode invoice, String path, String items, String amountField, Amount amount) {
        JsonNode array = invoice.path(items);
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; array.isArray() && i < array.size(); i++) {
            String at = path + "." + items + "[" + i + "]";
            JsonNode item = array.get(i);
            lines.add(InvoiceLine.newBuilder().setDescription(Fields.text(item, at, "description"))
                    .setQuantity(item.path("quantity").isNumber() ? item.path("quantity").asInt() : 1)
                    .setUnitAmountMinor(amount.minor(item, at, amountField)).build());
        }
        return lines;
    }
}
