package com.deskpost.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MailWordsTest {

    private static MailWords words(String tag) {
        return MailWords.of("i18n/test-words", Locale.forLanguageTag(tag), MailWordsTest.class.getClassLoader());
    }

    @Test
    void aRegionalLocaleReadsItsLanguageAndAMissingWordFallsBackToEnglish() {
        assertThat(words("fr-CA").word("greeting")).isEqualTo("Bonjour");
        assertThat(words("fr-CA").word("hours", 3)).isEqualTo("3 heures");
        assertThat(words("fr").word("only.english")).isEqualTo("English only");
        assertThat(words("en").word("hours", 1)).isEqualTo("1 hour");
    }

    @Test
    void theServersOwnLocaleNeverLeaksIntoAMail() {
        Locale server = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertThat(words("en").word("greeting")).isEqualTo("Hello");
            assertThat(words("ja").word("greeting")).isEqualTo("Hello");
        } finally {
            Locale.setDefault(server);
        }
    }

    @Test
    void anOpenSetAnswersOnlyWhatItKnows() {
        assertThat(words("de").optional("greeting")).contains("Hallo");
        assertThat(words("de").optional("card_declined")).isEmpty();
    }
}
