package com.deskpost.platform.template;

import java.util.Locale;

/**
 * The key of a template override on {@code mail.templates} and in every override source:
 * {@code <location id or *>/<template>/<locale or default>}, so one key names one template of one language at one
 * location (or at all of them), and a newer activation replaces the older in the compacted topic.
 */
public final class TemplateOverrideKeys {

    /** Stands for every location. */
    public static final String ALL_LOCATIONS = "*";
    /** Stands for the default (English) template, {@code <name>.*.mustache}. */
    public static final String DEFAULT_LOCALE = "default";

    private TemplateOverrideKeys() {
    }

    /**
     * @param locationId null or blank for every location
     * @param localeTag  BCP 47 tag ({@code de}, {@code fr-CA}); null or blank for the default template
     */
    public static String of(String locationId, String template, String localeTag) {
        return (blank(locationId) ? ALL_LOCATIONS : locationId) + "/" + template + "/"
                + (blank(localeTag) ? DEFAULT_LOCALE : Locale.forLanguageTag(localeTag.strip()).toLanguageTag());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
