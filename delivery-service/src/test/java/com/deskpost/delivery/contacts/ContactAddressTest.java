package com.deskpost.delivery.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.platform.api.InvalidRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the contacts API accepts as an address. */
class ContactAddressTest {

    @Test
    void anAddressIsNormalisedAsConsentIsKeyed() {
        // When / Then
        assertThat(ContactAddress.parse("  Ada.Lovelace+news@Example.COM ")).isEqualTo("ada.lovelace+news@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "@example.com", "ada@", "ada lovelace@example.com", "ada@example.com\r\nBcc: x"})
    void whatCannotBeAMailboxIsRefusedNamingTheField(String raw) {
        // When / Then
        assertThatThrownBy(() -> ContactAddress.parse(raw))
                .isInstanceOfSatisfying(InvalidRequest.class, invalid -> assertThat(invalid.field()).isEqualTo("email"));
    }

    @Test
    void anAddressLongerThanSmtpAllowsIsRefused() {
        // When / Then
        assertThatThrownBy(() -> ContactAddress.parse("a".repeat(250) + "@example.com"))
                .isInstanceOf(InvalidRequest.class);
    }
}
