package com.deskpost.platform.credential;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mail shows a credential, its subject and bodies hold a placeholder, {@code ⟦credential N⟧},
 * N counting the draft's {@code secrets} from 1. Staff copies, previews, digests, audit rows and dead
 * letters show the placeholder, because the value was never there; delivery fills it in for the one
 * recipient at send time. The brackets (U+27E6, U+27E7) are neither HTML nor template syntax.
 */
public final class CredentialPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("⟦credential (\\d{1,3})⟧");

    private CredentialPlaceholders() {
    }

    /** The placeholder of the index-th secret, from 1. */
    public static String of(int index) {
        return "⟦credential " + index + "⟧";
    }

    public static boolean contains(String text) {
        return text != null && PLACEHOLDER.matcher(text).find();
    }

    /**
     * The text with each placeholder replaced by its value, passed through {@code escape} (HTML escaping
     * for an HTML body).
     *
     * @throws IllegalArgumentException when a placeholder names a secret the draft does not have
     */
    public static String fill(String text, List<String> values, UnaryOperator<String> escape) {
        if (text == null) {
            return null;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            if (index < 1 || index > values.size()) {
                throw new IllegalArgumentException("The mail shows credential " + index + " but carries "
                        + values.size() + " sealed credential(s)");
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(escape.apply(values.get(index - 1))));
        }
        placeholder.appendTail(out);
        return out.toString();
    }
}
