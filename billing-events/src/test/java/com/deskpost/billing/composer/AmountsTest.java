package com.deskpost.billing.composer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.platform.streams.RejectedEvent;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void minorUnitsFollowTheCurrencyAndSeparatorsTheLocale() {
        assertThat(Amounts.format(12900, "EUR", Locale.forLanguageTag("en-GB"))).isEqualTo("€129.00");
        assertThat(Amounts.format(12900, "EUR", Locale.forLanguageTag("de-DE"))).isEqualTo("129,00\u00a0€");
        assertThat(Amounts.format(123456, "USD", Locale.forLanguageTag("en-US"))).isEqualTo("$1,234.56");
        assertThat(Amounts.format(5000, "JPY", Locale.forLanguageTag("en-US"))).isEqualTo("¥5,000");
        // Three minor digits; how the ISO code is spaced is the JDK's locale data, not ours.
        assertThat(Amounts.format(12345, "KWD", Locale.forLanguageTag("en-US"))).startsWith("KWD").endsWith("12.345");
        assertThat(Amounts.format(-500, "GBP", Locale.forLanguageTag("en-GB"))).isEqualTo("-£5.00");
    }

    @Test
    void anUnknownCurrencyIsRejected() {
        assertThatThrownBy(() -> Amounts.format(1, "ABC", Locale.UK)).isInstanceOf(RejectedEvent.class)
                .hasMessage("Unknown currency ABC: not an ISO 4217 code");
    }
}
