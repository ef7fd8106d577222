package com.deskpost.ingest.vendor;

import com.deskpost.schemas.json.InvalidJsonException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import tools.jackson.databind.JsonNode;

/**
 * A vendor's decimal amount in the currency's major unit ({@code 12.5}, or {@code "12.50"} as text) as the contract's
 * minor units (1250). An amount with more decimals than the currency has is refused at its JSON path, never rounded:
 * a rounded amount in a member's mail would be a wrong amount.
 */
public final class Amounts {

    private Amounts() {
    }

    /** @param currencyPath where the currency was read, for the message when it is no ISO 4217 code */
    public static long minor(JsonNode parent, String path, String name, String currency,
            String currencyPath) {
        JsonNode node = parent.get(name);
        BigDecimal amount;
        if (node != null && node.isNumber()) {
            amount = node.decimalValue();
        } else {
            String text = Fields.text(parent, path, name).strip();
            try {
                amount = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new InvalidJsonException(path + "." + name, "not an amount: \"" + text + "\"");
            }
        }
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw new InvalidJsonException(currencyPath, "\"" + currency + "\" is not an ISO 4217 currency code");
        }
        try {
            return amount.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidJsonException(path + "." + name, amount.toPlainString() + " has more decimals than "
                    + currency + " has");
        }
    }
}
