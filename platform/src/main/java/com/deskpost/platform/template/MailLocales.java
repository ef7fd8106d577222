package com.deskpost.platform.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The language a mail is written in. Every composer writes English, German, French, Spanish and Dutch. A mail takes
 * the member's locale, else the location's default, else English; a locale whose language Deskpost does not write
 * falls back to the location's default and then English, so a member never gets a mail in a language half
 * translated. The region is kept where the language is written ({@code fr-CA} formats dates and amounts as in Canada
 * and reads {@code _fr-CA} templates where an operator wrote them, else {@code _fr}, else English: see
 * {@link #fallbackChain}).
 */
public final class MailLocales {

    /** The languages every built-in template exists in; English is the default ({@code <name>.*.mustache}). */
    public static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "nl");

    private MailLocales() {
    }

    /** The locale to write a mail in, from the member's BCP 47 tag and the location's default (either may be blank). */
    public static Locale resolve(String memberLocale, String locationDefault) {
        for (String tag : new String[] {memberLocale, locationDefault}) {
            Locale locale = parse(tag);
            if (locale != null && LANGUAGES.contains(locale.getLanguage())) {
                return locale;
            }
        }
        return Locale.ENGLISH;
    }

    /** Whether mail can be written in this locale's language. */
    public static boolean written(Locale locale) {
        return locale != null && LANGUAGES.contains(locale.getLanguage());
    }

    /** Most specific first: {@code fr-CA} → {@code fr-CA, fr, en}; {@code de} → {@code de, en}; {@code en-GB} → {@code en-GB, en}. */
    public static List<Locale> fallbackChain(Locale locale) {
        List<Locale> chain = new ArrayList<>();
        if (locale != null && !locale.getLanguage().isEmpty()) {
            if (!locale.getCountry().isEmpty()) {
                chain.add(new Locale.Builder().setLanguage(locale.getLanguage()).setRegion(locale.getCountry()).build());
            }
            chain.add(Locale.forLanguageTag(locale.getLanguage()));
        }
        if (!chain.contains(Locale.ENGLISH)) {
            chain.add(Locale.ENGLISH);
        }
        return chain;
    }

    private static Locale parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return locale.getLanguage().isEmpty() ? null : locale;
    }
}
