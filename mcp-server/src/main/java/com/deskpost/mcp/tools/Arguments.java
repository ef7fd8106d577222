package com.deskpost.mcp.tools;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tool call's arguments, read with validation: every problem is a {@link ToolError} naming the
 * argument, what is wrong with it and an example of what works. Text never holds CR or LF where it
 * becomes a header (subject, Message-ID), so a mail header cannot be injected.
 */
public final class Arguments {

    static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    private final Map<String, Object> raw;

    public Arguments(Map<String, Object> raw) {
        this.raw = raw == null ? Map.of() : raw;
    }

    public boolean has(String name) {
        Object value = raw.get(name);
        return value != null && !(value instanceof String text && text.isBlank());
    }

    public List<String> names() {
        return raw.keySet().stream().sorted().toList();
    }

    public String text(String name, int maxLength, String example) {
        String value = optionalText(name, maxLength, example);
        if (value == null) {
            throw ToolError.invalid(name, name + " is required", "Give " + name + ", e.g. " + example + ".");
        }
        return value;
    }

    public String optionalText(String name, int maxLength, String example) {
        Object value = raw.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw ToolError.invalid(name, name + " must be a string, not " + value.getClass().getSimpleName(),
                    "Give " + name + " as text, e.g. " + example + ".");
        }
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > maxLength) {
            throw ToolError.invalid(name, name + " has " + text.length() + " characters; at most " + maxLength
                    + " are allowed", "Shorten " + name + ".");
        }
        return text;
    }

    /** One line of text: no CR or LF, so it can never start another mail header. */
    public String line(String name, int maxLength, String example) {
        String value = text(name, maxLength, example);
        return oneLine(name, value.strip());
    }

    public String optionalLine(String name, int maxLength, String example) {
        String value = optionalText(name, maxLength, example);
        return value == null ? null : oneLine(name, value.strip());
    }

    /** Text of a fixed form, e.g. an id. */
    public String matching(String name, Pattern form, String formDescription, String example) {
        String value = optionalMatching(name, form, formDescription, example);
        if (value == null) {
            throw ToolError.invalid(name, name + " is required", "Give " + name + ": " + formDescription + ", e.g. "
                    + example + ".");
        }
        return value;
    }

    public String optionalMatching(String name, Pattern form, String formDescription, String example) {
        String value = optionalText(name, 512, example);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (!form.matcher(trimmed).matches()) {
            throw ToolError.invalid(name, name + " '" + abbreviate(trimmed) + "' is not " + formDescription,
                    "Give " + name + " as " + formDescription + ", e.g. " + example + ".");
        }
        return trimmed;
    }

    public String email(String name) {
        String value = optionalEmail(name);
        if (value == null) {
            throw ToolError.invalid(name, name + " is required", "Give " + name + " as one address, e.g. ada@example.com.");
        }
        return value;
    }

    public String optionalEmail(String name) {
        String value = optionalText(name, 320, "ada@example.com");
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (!EMAIL.matcher(trimmed).matches()) {
            throw ToolError.invalid(name, name + " '" + abbreviate(trimmed) + "' is not one email address",
                    "Give exactly one plain address, without a display name or a list, e.g. ada@example.com.");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** One of the allowed values, compared ignoring case; returned in lower case. */
    public String choice(String name, List<String> allowed) {
        String value = optionalChoice(name, allowed);
        if (value == null) {
            throw ToolError.invalid(name, name + " is required", "Give " + name + " as one of " + allowed + ".");
        }
        return value;
    }

    public String optionalChoice(String name, List<String> allowed) {
        String value = optionalText(name, 64, allowed.get(0));
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw ToolError.invalid(name, name + " '" + abbreviate(value) + "' is not one of " + allowed,
                    "Give " + name + " as one of " + allowed + ".");
        }
        return lower;
    }

    public Integer optionalInt(String name, int min, int max) {
        Object value = raw.get(name);
        if (value == null) {
            return null;
        }
        long number;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            number = n.longValue();
        } else {
            try {
                number = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                throw ToolError.invalid(name, name + " must be a whole number", "Give " + name + " between " + min
                        + " and " + max + ".");
            }
        }
        if (number < min || number > max) {
            throw ToolError.invalid(name, name + " is " + number + "; it must be between " + min + " and " + max,
                    "Give " + name + " between " + min + " and " + max + ".");
        }
        return (int) number;
    }

    public Instant optionalInstant(String name) {
        String value = optionalText(name, 64, "2025-03-03T09:00:00Z");
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ToolError.invalid(name, name + " '" + abbreviate(value) + "' is not an ISO-8601 instant",
                    "Give " + name + " in UTC with a Z, e.g. 2025-03-03T09:00:00Z.");
        }
    }

    public List<String> optionalStrings(String name, int maxItems, int maxLength) {
        Object value = raw.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw ToolError.invalid(name, name + " must be a list of strings", "Give " + name + " as [\"...\"].");
        }
        if (list.size() > maxItems) {
            throw ToolError.invalid(name, name + " has " + list.size() + " items; at most " + maxItems,
                    "Give at most " + maxItems + " items.");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank() || text.length() > maxLength) {
                throw ToolError.invalid(name, name + " must hold non-empty strings of at most " + maxLength
                        + " characters", "Give " + name + " as [\"...\"].");
            }
            strings.add(text);
        }
        return List.copyOf(strings);
    }

    private static String oneLine(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw ToolError.invalid(name, name + " contains a line break; it becomes a mail header, which must be one"
                    + " line", "Give " + name + " on one line.");
        }
        return value;
    }

    private static String abbreviate(String value) {
        String single = value.replaceAll("[\\r\\n]", " ");
        return single.length() <= 60 ? single : single.substring(0, 57) + "...";
    }
}
