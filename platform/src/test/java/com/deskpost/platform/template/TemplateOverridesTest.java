package com.deskpost.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.TemplateOverride;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Staff overrides win over the files of their language, the location's over every location's, and go away again. */
class TemplateOverridesTest {

    private final LiveTemplateOverrides live = new LiveTemplateOverrides();
    private final TemplateRenderer renderer = new TemplateRenderer(getClass().getClassLoader(), null, live);
    private final Map<String, Object> sample = TemplateCatalogue.builtIn().find("booking-confirmation").orElseThrow()
            .sample();

    @Test
    void theLocationsOverrideWinsOverTheOneForEveryLocationWhichWinsOverTheFile() {
        put("L-1", "de", 3, "Buchung {{bookingId}} in L-1");
        put(null, "de", 1, "Buchung {{bookingId}} überall");

        assertThat(subject("L-1", "de-AT")).isEqualTo("Buchung B-1042 in L-1");
        assertThat(renderer.source("booking-confirmation", Locale.forLanguageTag("de-AT"), "L-1"))
                .isEqualTo("override L-1/booking-confirmation/de version 3");
        assertThat(subject("L-2", "de")).isEqualTo("Buchung B-1042 überall");
        assertThat(subject("L-2", "en")).doesNotContain("überall");
        assertThat(renderer.source("booking-confirmation", Locale.ENGLISH, "L-2"))
                .isEqualTo("templates/booking-confirmation.subject.mustache");
    }

    @Test
    void anOverrideOfTheDefaultTemplateNeverReplacesAnExistingLanguage() {
        put("L-1", null, 1, "Booking {{bookingId}} (L-1 wording)");

        assertThat(subject("L-1", "en")).isEqualTo("Booking B-1042 (L-1 wording)");
        assertThat(renderer.source("booking-confirmation", Locale.GERMAN, "L-1"))
                .isEqualTo("templates/booking-confirmation_de.subject.mustache");
    }

    @Test
    void aTombstonePutsTheBuiltInBack() {
        String builtIn = subject("L-1", "de");
        put("L-1", "de", 2, "Neu");
        assertThat(subject("L-1", "de")).isEqualTo("Neu");

        live.apply(TemplateOverrideKeys.of("L-1", "booking-confirmation", "de"), null);

        assertThat(subject("L-1", "de")).isEqualTo(builtIn);
    }

    private String subject(String location, String locale) {
        return renderer.render("booking-confirmation", Locale.forLanguageTag(locale), location, sample).subject();
    }

    private void put(String location, String locale, long version, String subject) {
        live.apply(TemplateOverrideKeys.of(location, "booking-confirmation", locale), TemplateOverride.newBuilder()
                .setTemplate("booking-confirmation").setLocale(locale).setLocationId(location).setVersion(version)
                .setSubject(subject).setText("Hallo {{memberName}}").setHtml("<p>Hallo {{memberName}}</p>")
                .setActivatedBy("ops").setActivatedAt(Instant.EPOCH).build());
    }
}
