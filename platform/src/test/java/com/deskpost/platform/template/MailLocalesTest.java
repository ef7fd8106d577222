package com.deskpost.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MailLocalesTest {

    @Test
    void theMembersLocaleWinsWhenItsLanguageIsWritten() {
        assertThat(MailLocales.resolve("fr-CA", "en-GB")).isEqualTo(Locale.forLanguageTag("fr-CA"));
        assertThat(MailLocales.resolve("nl_BE", "en")).isEqualTo(Locale.forLanguageTag("nl-BE"));
    }

    @Test
    void anUnwrittenOrMissingLanguageFallsBackToTheLocationThenEnglish() {
        assertThat(MailLocales.resolve("pt-BR", "es-ES")).isEqualTo(Locale.forLanguageTag("es-ES"));
        assertThat(MailLocales.resolve(" ", "de")).isEqualTo(Locale.GERMAN);
        assertThat(MailLocales.resolve("pt-BR", "ja")).isEqualTo(Locale.ENGLISH);
        assertThat(MailLocales.resolve(null, null)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theChainGoesFromRegionToLanguageToEnglish() {
        assertThat(MailLocales.fallbackChain(Locale.forLanguageTag("fr-CA"))).containsExactly(
                Locale.forLanguageTag("fr-CA"), Locale.FRENCH, Locale.ENGLISH);
        assertThat(MailLocales.fallbackChain(Locale.GERMAN)).containsExactly(Locale.GERMAN, Locale.ENGLISH);
        assertThat(MailLocales.fallbackChain(Locale.forLanguageTag("en-GB"))).containsExactly(
                Locale.forLanguageTag("en-GB"), Locale.ENGLISH);
    }
}
