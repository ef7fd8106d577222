package com.deskpost.oversight.templates;

import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.TemplateOverrideKeys;
import java.util.Locale;

/**
 * One overridable template: a template name in one language at one location. The locale is
 * {@value TemplateOverrideKeys#DEFAULT_LOCALE} for the English template every other language falls back to, else a
 * tag Deskpost writes ({@code de}, {@code fr-CA}); the location {@value TemplateOverrideKeys#ALL_LOCATIONS} for every
 * location.
 */
public record TemplateSlot(String template, String locale, String locationId) {

    public TemplateSlot {
        locale = normalLocale(locale);
        locationId = locationId == null || locationId.isBlank() ? TemplateOverrideKeys.ALL_LOCATIONS
                : locationId.strip();
    }

    /** Its key on mail.templates. */
    public String key() {
        return TemplateOverrideKeys.of(locationOrNull(), template, localeOrNull());
    }

    /** Null for every location, as the TemplateOverride record says it. */
    public String locationOrNull() {
        return TemplateOverrideKeys.ALL_LOCATIONS.equals(locationId) ? null : locationId;
    }

    /** Null for the default template, as the TemplateOverride record says it. */
    public String localeOrNull() {
        return TemplateOverrideKeys.DEFAULT_LOCALE.equals(locale) ? null : locale;
    }

    /** The locale a preview or test send of this slot renders in. */
    public Locale renderLocale() {
        return localeOrNull() == null ? Locale.ENGLISH : Locale.forLanguageTag(locale);
    }

    /** How staff read it: {@code booking-confirmation (de, L-1)}. */
    public String describe() {
        return template + " (" + locale + ", " + (locationOrNull() == null ? "all locations" : locationId) + ")";
    }

    private static String normalLocale(String locale) {
        if (locale == null || locale.isBlank() || locale.strip().equalsIgnoreCase(TemplateOverrideKeys.DEFAULT_LOCALE)
                || locale.strip().equalsIgnoreCase("en")) {
            // English is the default template itself: an "en" override would be a second name for the same thing.
            return TemplateOverrideKeys.DEFAULT_LOCALE;
        }
        Locale parsed = Locale.forLanguageTag(locale.strip().replace('_', '-'));
        if (!MailLocales.written(parsed)) {
            throw new IllegalArgumentException("Deskpost writes mail in " + String.join(", ", MailLocales.LANGUAGES)
                    + "; \"" + locale + "\" is none of them (use default for English)");
        }
        return parsed.toLanguageTag();
    }
}
