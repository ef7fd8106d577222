package com.deskpost.delivery.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The unsubscribe pages escape everything and never spell the address out. */
class UnsubscribePagesTest {

    @Test
    void theAddressIsMaskedToItsFirstCharacterAndDomain() {
        // When / Then
        assertThat(UnsubscribePages.mask("ada@example.com")).isEqualTo("a***@example.com");
        assertThat(UnsubscribePages.mask("a@example.com")).isEqualTo("a***@example.com");
        assertThat(UnsubscribePages.mask("no-at-sign")).isEqualTo("***");
    }

    @Test
    void markupInTheAddressOrThePathIsEscaped() {
        // Given an address a token could carry, with markup in it
        String hostile = "<b>x@<script>alert(1)</script>.example";

        // When
        String confirm = UnsubscribePages.confirm(hostile, "/unsubscribe/\"><script>alert(2)</script>");
        String done = UnsubscribePages.unsubscribed(hostile);

        // Then
        assertThat(confirm).doesNotContain("<script>", "<b>x").contains("&lt;***@&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(confirm).contains("action=\"/unsubscribe/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"");
        assertThat(done).doesNotContain("<script>");
    }

    @Test
    void theConfirmationPageOffersTheOneClickPostAndNothingElse() {
        // When
        String page = UnsubscribePages.confirm("ada@example.com", "/unsubscribe/abc.def");

        // Then
        assertThat(page).contains("<form method=\"post\" action=\"/unsubscribe/abc.def\">",
                "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">", "<button type=\"submit\">");
    }

    @Test
    void theConfirmationPageOffersThePreferencePageInstead() {
        // When
        String page = UnsubscribePages.confirm("ada@example.com", "/unsubscribe/abc.def", "/preferences/\"x.y");

        // Then: a plain link, escaped
        assertThat(page).contains("<a href=\"/preferences/&quot;x.y\">Manage your preferences</a>");
    }
}
