package com.deskpost.ingest.stripe;

import com.deskpost.ingest.web.ApiException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Reading a Stripe event's fields with the JSON path of whatever is missing or wrong (400
 * {@code invalid_stripe_event}, {@code path} and {@code problem}): a Stripe payload that breaks Stripe's own documented
 * shape is not something the operator can fix in Stripe, so it is told apart from the 422 of missing metadata.
 */
final class StripeJson {

    private StripeJson() {
    }

    static JsonNode object(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw invalid(path + "." + name, "missing required field");
        }
        if (!node.isObject()) {
            throw invalid(path + "." + name, "expected object, got " + type(node));
        }
        return node;
    }

    static String text(JsonNode parent, String path, String name) {
        return optionalText(parent, path, name).orElseThrow(() -> invalid(path + "." + name, "missing required field"));
    }

    static Optional<String> optionalText(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw invalid(path + "." + name, "expected a non-empty string, got " + type(node));
        }
        return Optional.of(node.stringValue());
    }

    /** A reference Stripe sends as an id, or, when the caller asked Stripe to expand it, as the object with its id. */
    static Optional<String> optionalId(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node != null && node.isObject()) {
            return Optional.of(text(node, path + "." + name, "id"));
        }
        return optionalText(parent, path, name);
    }

    /** An amount in the currency's minor unit, as Stripe sends all amounts. */
    static long amount(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw invalid(path + "." + name, "missing required field");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(path + "." + name, "expected an integer amount in the currency's minor unit, got "
                    + type(node));
        }
        return node.longValue();
    }

    /** Stripe's currency is lower-case ISO 4217 ("eur"); the contract's is upper-case. */
    static String currency(JsonNode parent, String path) {
        String currency = text(parent, path, "currency");
        if (!currency.matches("[A-Za-z]{3}")) {
            throw invalid(path + ".currency", "expected a three-letter ISO 4217 code, got \"" + currency + "\"");
        }
        return currency.toUpperCase(Locale.ROOT);
    }

    static Instant instant(JsonNode parent, String path, String name) {
        return optionalInstant(parent, path, name).orElseThrow(() -> invalid(path + "." + name,
                "missing required field"));
    }

    /** Stripe's times are Unix seconds. */
    static Optional<Instant> optionalInstant(JsonNode parent, String path, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw invalid(path + "." + name, "expected a Unix time in seconds, got " + type(node));
        }
        return Optional.of(Instant.ofEpochSecond(node.longValue()));
    }

    static ApiException invalid(String path, String problem) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_stripe_event", path + ": " + problem,
                Map.of("path", path, "problem", problem));
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
