package com.deskpost.ingest.cobot;

import com.deskpost.ingest.vendor.Amounts;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Cobot's field formats, with the JSON path of whatever is wrong: Cobot's API 1 writes times as
 * {@code 2026/12/01 09:00:00 +0000} and days as {@code 2026/12/01}; ISO-8601 is read too. Amounts are decimals
 * (numbers or numeric strings, {@code "119.0"}) in the currency's major unit.
 */
final class CobotJson {

    private static final DateTimeFormatter COBOT_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z");
    private static final DateTimeFormatter COBOT_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private CobotJson() {
    }

    static Optional<Instant> optionalInstant(JsonNode parent, String path, String name) {
        return Fields.optionalText(parent, path, name).map(text -> instant(text, path + "." + name));
    }

    static Instant instant(JsonNode parent, String path, String name) {
        return instant(Fields.text(parent, path, name), path + "." + name);
    }

    static Optional<LocalDate> optionalDay(JsonNode parent, String path, String name) {
        return Fields.optionalText(parent, path, name).map(text -> {
            try {
                return text.contains("/") ? LocalDate.parse(text.substring(0, 10), COBOT_DAY)
                        : LocalDate.parse(text.substring(0, Math.min(10, text.length())));
            } catch (DateTimeException | IndexOutOfBoundsException e) {
                throw new InvalidJsonException(path + "." + name, "not a date (2026/12/01): \"" + text + "\"");
            }
        });
    }

    private static Instant instant(String text, String path) {
        try {
            return text.contains("/") ? OffsetDateTime.parse(text, COBOT_TIME).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidJsonException(path, "not a time (2026/12/01 09:00:00 +0000): \"" + text + "\"");
        }
    }

    /** Text or a number as text: Cobot writes some ids and invoice numbers as numbers. */
    static Optional<String> optionalString(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        return node != null && node.isNumber() ? Optional.of(node.asString()) : Fields.optionalText(parent, path, name);
    }

    static long minor(JsonNode parent, String path, String name, String currency) {
        return Amounts.minor(parent, path, name, currency, "$.currency");
    }
}
