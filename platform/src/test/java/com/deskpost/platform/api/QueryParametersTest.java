package com.deskpost.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging and time ranges as every list endpoint reads them. */
class QueryParametersTest {

    @Test
    void aCursorNamesTheSortKeyOfTheLastRow() {
        // Given
        String cursor = Paging.cursor("2025-03-03T09:00:00Z", "draft-1", "ada@example.com");

        // When
        Paging.Key key = Paging.after(cursor, 3).orElseThrow();

        // Then
        assertThat(key.instant(0)).isEqualTo(Instant.parse("2025-03-03T09:00:00Z"));
        assertThat(key.text(1)).isEqualTo("draft-1");
        assertThat(key.text(2)).isEqualTo("ada@example.com");
        assertThat(Paging.after(null, 3)).isEmpty();
    }

    @Test
    void aCursorThisApiDidNotIssueIsA400() {
        // When / Then
        for (String forged : List.of("%%%", Paging.cursor("only-one-part"), Paging.cursor("not-an-instant", "1"))) {
            assertThatThrownBy(() -> Paging.after(forged, 2).orElseThrow().instant(0))
                    .isInstanceOfSatisfying(InvalidRequest.class, invalid -> assertThat(invalid.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void theLimitDefaultsTo100AndIsAtMost500() {
        // When / Then
        assertThat(Paging.limit(null)).isEqualTo(100);
        assertThat(Paging.limit(500)).isEqualTo(500);
        assertThatThrownBy(() -> Paging.limit(501)).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> Paging.limit(0)).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void aPageOfOneRowMoreThanTheLimitHasANextCursor() {
        // When
        Page<String> more = Page.of(List.of("a", "b", "c"), 2, Paging::cursor);
        Page<String> last = Page.of(List.of("a", "b"), 2, Paging::cursor);

        // Then
        assertThat(more.items()).containsExactly("a", "b");
        assertThat(more.nextCursor()).isEqualTo(Paging.cursor("b"));
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void aTimeRangeMustEndAfterItStarts() {
        // Given
        Instant nine = Instant.parse("2025-03-03T09:00:00Z");

        // When / Then
        assertThatThrownBy(() -> new TimeRange(nine, nine))
                .isInstanceOfSatisfying(InvalidRequest.class, invalid -> assertThat(invalid.field()).isEqualTo("to"));
        assertThat(new TimeRange(null, null).fromBound()).isBefore(new TimeRange(null, null).toBound());
    }
}
