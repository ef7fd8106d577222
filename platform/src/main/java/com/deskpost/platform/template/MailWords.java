package com.deskpost.platform.template;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The words a composer writes into a mail from Java (an incident's severity, "3 hours", a payment processor's reason),
 * in the mail's language: a {@link ResourceBundle} of UTF-8 properties, {@code <base>.properties} in English and
 * {@code <base>_<language>.properties} beside it for every other language of {@link MailLocales#LANGUAGES}. The lookup
 * follows the same chain as the templates ({@code fr-CA} → {@code fr} → English) and never the JVM's default locale,
 * so a server started in German still writes English words into an English mail. Patterns are {@link MessageFormat}s,
 * so plurals ({@code {0,choice,1#1 hour|1<{0} hours}}) and numbers follow the mail's locale.
 */
public final class MailWords {

    // No fallback to Locale.getDefault(): the server's locale must never leak into a member's mail.
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;

    private MailWords(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** The words of bundle {@code baseName} (e.g. {@code i18n/access-words}) on {@code classLoader}, for {@code locale}. */
    public static MailWords of(String baseName, Locale locale, ClassLoader classLoader) {
        return new MailWords(ResourceBundle.getBundle(baseName, locale, classLoader, CONTROL), locale);
    }

    /**
     * The word for {@code key}, its pattern filled with {@code arguments}.
     *
     * @throws MissingResourceException when not even the English bundle has it: a bug, caught by the locale tests
     */
    public String word(String key, Object... arguments) {
        return format(bundle.getString(key), arguments);
    }

    /** The word for {@code key}, if any bundle of the chain has one (for open sets such as processor reasons). */
    public Optional<String> optional(String key, Object... arguments) {
        return bundle.containsKey(key) ? Optional.of(format(bundle.getString(key), arguments)) : Optional.empty();
    }

    private String format(String pattern, Object... arguments) {
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }
}
