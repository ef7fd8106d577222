package com.deskpost.ingest.directory;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.ingest.directory.DirectoryRows.Batch;
import com.deskpost.ingest.directory.DirectoryRows.Outcome;
import com.deskpost.ingest.directory.ImportRows.Row;
import java.util.List;
import java.util.Map;

/**
 * One member or location checked by exactly the rules of a directory import ({@link DirectoryRows}: required
 * columns, id and email shapes, language tags, time zones, roles and statuses), for adapters that learn of one
 * directory entry at a time (vendor webhooks). The adapter names the columns, as an import file would, and gives
 * the header its event carries; it gets the record, or every problem by column, to translate into its own paths.
 */
public final class DirectoryEntries {

    /** A problem with one column's value, or ({@code missing}) the absence of a column the kind requires. */
    public record Problem(String column, String message, boolean missing) {
    }

    /** The entry, valid, or the problems that stop it (then {@code entry} is null). */
    public record Checked<V>(V entry, List<Problem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private DirectoryEntries() {
    }

    /** A member from its columns ({@code member_id}, {@code email}, {@code name}, ...; lists joined by {@code ;}). */
    public static Checked<Member> member(Map<String, String> columns, EventHeader header) {
        Outcome<Member> outcome = DirectoryRows.members(List.of(row(columns)), batch(header));
        return outcome.problems().isEmpty()
                ? new Checked<>(Member.newBuilder(outcome.records().get(0)).setHeader(header).build(), List.of())
                : new Checked<>(null, problems(outcome));
    }

    /** A location from its columns ({@code location_id}, {@code name}, {@code line1}, ...; lists joined by ;). */
    public static Checked<Location> location(Map<String, String> columns, EventHeader header) {
        Outcome<Location> outcome = DirectoryRows.locations(List.of(row(columns)), batch(header));
        return outcome.problems().isEmpty()
                ? new Checked<>(Location.newBuilder(outcome.records().get(0)).setHeader(header).build(), List.of())
                : new Checked<>(null, problems(outcome));
    }

    /** Blank values are absent, as in an import file's empty cell. */
    private static Row row(Map<String, String> columns) {
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        columns.forEach((column, value) -> {
            if (value != null && !value.isBlank()) {
                cells.put(column, value.strip());
            }
        });
        return new Row(1, cells);
    }

    /** The import's own header is replaced by the caller's: only the source matters to the rules, and not even that. */
    private static Batch batch(EventHeader header) {
        return new Batch(header.getSource(), header.getOccurredAt(), header.getCorrelationId());
    }

    private static List<Problem> problems(Outcome<?> outcome) {
        return outcome.problems().stream().map(problem -> new Problem(problem.column(), problem.message(),
                DirectoryRows.MISSING.equals(problem.message()))).toList();
    }
}
