package com.deskpost.platform.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Keyset paging: a page ends with an opaque cursor naming its last row, and the next page starts
 * after that row. Unlike an offset, it does not shift when new mail or audit rows arrive between
 * two requests.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    /** OpenAPI description of the cursor parameter every list endpoint takes. */
    public static final String CURSOR_DESCRIPTION = "`nextCursor` of the previous page; omit for the first page";
    /** OpenAPI description of the limit parameter every list endpoint takes. */
    public static final String LIMIT_DESCRIPTION = "Page size, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")";
    private static final String SEPARATOR = "\n";

    private Paging() {
    }

    /** The page size asked for, checked against {@link #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        int limit = requested == null ? DEFAULT_LIMIT : requested;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequest("limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
        }
        return limit;
    }

    /** The cursor naming a row by its sort key. */
    public static String cursor(String... sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key of the row a cursor names, or empty for the first page. */
    public static Optional<Key> after(String cursor, int parts) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            List<String> key = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            if (key.size() == parts) {
                return Optional.of(new Key(key));
            }
        } catch (IllegalArgumentException notBase64) {
            // Reported below, as any other cursor this API did not issue.
        }
        throw notIssuedHere();
    }

    private static InvalidRequest notIssuedHere() {
        return new InvalidRequest("cursor", "cursor is not one this API issued; pass a page's nextCursor unchanged, "
                + "or leave it out for the first page.");
    }

    /** The parts of a decoded cursor; a part of the wrong form means a cursor this API did not issue. */
    public record Key(List<String> parts) {

        public String text(int index) {
            return parts.get(index);
        }

        public Instant instant(int index) {
            try {
                return Instant.parse(parts.get(index));
            } catch (DateTimeParseException e) {
                throw notIssuedHere();
            }
        }

        public long number(int index) {
            try {
                return Long.parseLong(parts.get(index));
            } catch (NumberFormatException e) {
                throw notIssuedHere();
            }
        }
    }
}
