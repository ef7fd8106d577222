package com.deskpost.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the rows of this page
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; absent on the last page") String nextCursor) {

    /**
     * The page from rows fetched with one row more than the limit: that extra row only tells
     * whether another page exists.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}
