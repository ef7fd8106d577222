package com.deskpost.devstack.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker Compose's variable substitution ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code $$}), so a test sees the
 * values a container gets. Written by hand: no Java library implements Compose's rules, and they must be
 * Compose 1.29's exactly, including a braced group ending at the first {@code }} (so
 * {@code ${X:-{noop}y}} is {@code {noopy}}, not {@code {noop}y}, which is why the compose file never
 * puts braces in a default).
 */
final class ComposeVariables {

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:(?<escaped>\\$)|(?<named>[_a-zA-Z][_a-zA-Z0-9]*)|\\{(?<braced>[^}]*)}|(?<invalid>))");
    private static final Pattern NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

    private final Map<String, String> values;
    private final List<String> unset = new ArrayList<>();

    /** @param values the variables set in the shell or .env; none set means every default applies */
    ComposeVariables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The text with every variable substituted, as Compose does it. */
    String substitute(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement(matcher, text)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Variables referenced without a default that were not set: Compose warns and substitutes "". */
    List<String> unsetVariables() {
        return List.copyOf(unset);
    }

    private String replacement(Matcher matcher, String text) {
        if (matcher.group("escaped") != null) {
            return "$";
        }
        if (matcher.group("named") != null) {
            return value(matcher.group("named"));
        }
        String braced = matcher.group("braced");
        if (braced == null) {
            throw new IllegalArgumentException("invalid interpolation format in \"" + text + "\"");
        }
        for (String separator : List.of(":-", "-", ":?", "?")) {
            int at = braced.indexOf(separator);
            if (at < 0) {
                continue;
            }
            String name = checkedName(braced.substring(0, at), text);
            String rest = braced.substring(at + separator.length());
            String value = values.get(name);
            boolean missing = separator.startsWith(":") ? value == null || value.isEmpty() : value == null;
            if (!missing) {
                return value;
            }
            if (separator.endsWith("?")) {
                throw new IllegalArgumentException("required variable " + name + " is missing a value: " + rest);
            }
            return rest;
        }
        return value(checkedName(braced, text));
    }

    private String value(String name) {
        String value = values.get(name);
        if (value == null) {
            unset.add(name);
            return "";
        }
        return value;
    }

    private static String checkedName(String name, String text) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid interpolation format in \"" + text + "\"");
        }
        return name;
    }
}
