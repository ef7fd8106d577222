package com.deskpost.billing.composer;

import com.deskpost.events.Money;
import com.deskpost.platform.streams.RejectedEvent;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Money as the member reads it: the currency's own minor-unit digits (2 for EUR, 0 for JPY, 3 for
 * KWD) and the member's locale's symbol placement and separators ("€129.00" in en-GB,
 * "129,00 €" in de-DE). Amounts stay integral minor units until this point; no double touches them.
 */
final class Amounts {

    private Amounts() {
    }

    static String format(Money money, Locale locale) {
        return format(money.getAmountMinor(), money.getCurrency(), locale);
    }

    static String format(long amountMinor, String currencyCode, Locale locale) {
        Currency currency = currency(currencyCode);
        // Pseudo-currencies (XAU...) have no minor unit (-1): show whole units.
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(amountMinor, digits));
    }

    static Currency currency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RejectedEvent("Unknown currency " + code + ": not an ISO 4217 code");
        }
    }
}
