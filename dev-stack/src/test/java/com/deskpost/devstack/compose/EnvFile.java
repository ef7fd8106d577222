package com.deskpost.devstack.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A .env file (NAME=value lines, # comments, optional single quotes) and the variables a compose file reads. */
final class EnvFile {

    private static final Pattern LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private EnvFile() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = LINE.matcher(line.strip());
            if (matcher.matches()) {
                String value = matcher.group(2);
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(matcher.group(1), value);
            }
        }
        return values;
    }

    /** Names of the variables a compose file substitutes; {@code $$} escapes and comments are not references. */
    static Set<String> variablesReferenced(String composeText) {
        Set<String> names = new TreeSet<>();
        for (String line : composeText.split("\n")) {
            String content = line.strip().startsWith("#") ? "" : line.replace("$$", "");
            Matcher matcher = REFERENCE.matcher(content);
            while (matcher.find()) {
                names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        }
        return names;
    }
}
