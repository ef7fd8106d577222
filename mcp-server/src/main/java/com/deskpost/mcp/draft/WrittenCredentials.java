package com.deskpost.mcp.draft;

import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The credentials an agent wrote in a mail, taken out of it the moment Deskpost first sees them: each
 * occurrence in the subject and body becomes {@link CredentialPlaceholders#of(int) ⟦credential n⟧}
 * (n counting the listed credentials from 1) and the values travel only sealed, for the location and
 * the member the mail is about, so that drafts, previews, staff copies and the audit trail never hold
 * them; delivery opens them for the holder's own mail at send time.
 */
final class WrittenCredentials {

    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private final Pattern occurrences;

    /** @param values the clear values, as listed (repeats count once) */
    WrittenCredentials(List<String> values) {
        for (String value : values) {
            indexes.putIfAbsent(value, indexes.size() + 1);
        }
        // One pass, longest first: with "4821" and "4821-7730", the long one is replaced whole, and a short
        // credential ("1") is never looked for inside a placeholder already written.
        occurrences = indexes.isEmpty() ? null : Pattern.compile(indexes.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }

    /** The text with every credential replaced by its placeholder. */
    String withPlaceholders(String text) {
        if (occurrences == null || text == null) {
            return text;
        }
        return occurrences.matcher(text).replaceAll(found ->
                Matcher.quoteReplacement(CredentialPlaceholders.of(indexes.get(found.group()))));
    }

    /** The values sealed, in placeholder order, for the location and member the mail is about. */
    List<String> sealed(CredentialSealer sealer, String locationId, String aboutMemberId) {
        return indexes.keySet().stream().map(value -> sealer.seal(value, locationId, aboutMemberId)).toList();
    }
}
