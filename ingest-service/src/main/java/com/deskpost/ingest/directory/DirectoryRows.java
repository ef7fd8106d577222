package com.deskpost.ingest.directory;

import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.PostalAddress;
import com.deskpost.ingest.directory.ImportRows.Row;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of a directory import, one kind at a time: which columns a row has, which are required, what each
 * must look like, and the directory record it becomes. Every row is checked and every problem reported (row,
 * column, what to fix) before anything is published, so a file is taken whole or not at all. A record's
 * {@code event_id} is a name-based UUID of its content: importing the same file again publishes the same
 * events, and the directories (compacted, keyed by id) hold the same state.
 */
final class DirectoryRows {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    // A pragmatic check, not RFC 5322: delivery refuses what its SMTP library cannot parse, with the reason.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static final String MISSING = "required, and missing or blank";

    /** A problem with one cell (or the row, when column is null). */
    record Problem(int row, String column, String message) {
    }

    /** What an import of one kind becomes: the records, or the problems that stopped it. */
    record Outcome<V>(List<V> records, List<Problem> problems) {
    }

    /** Who imports, when, and under which correlation id the records of one import travel together. */
    record Batch(String source, Instant at, String correlationId) {
    }

    enum Kind {
        MEMBERS(Set.of("member_id", "email", "name"),
                Set.of("locale", "location_ids", "role", "status", "tags")),
        LOCATIONS(Set.of("location_id", "name", "line1", "city", "postal_code", "country", "time_zone",
                "jurisdiction", "sender_mailbox", "sender_name", "staff_mailbox"),
                Set.of("line2", "region", "approvers", "reply_to", "default_locale"));

        final Set<String> required;
        final Set<String> optional;

        Kind(Set<String> required, Set<String> optional) {
            this.required = required;
            this.optional = optional;
        }

        String idColumn() {
            return this == MEMBERS ? "member_id" : "location_id";
        }
    }

    private DirectoryRows() {
    }

    static Outcome<Member> members(List<Row> rows, Batch batch) {
        return read(Kind.MEMBERS, rows, (row, problems) -> member(row, problems, batch));
    }

    static Outcome<Location> locations(List<Row> rows, Batch batch) {
        return read(Kind.LOCATIONS, rows, (row, problems) -> location(row, problems, batch));
    }

    private interface RowReader<V> {
        V read(Row row, List<Problem> problems);
    }

    private static <V> Outcome<V> read(Kind kind, List<Row> rows, RowReader<V> reader) {
        List<Problem> problems = new ArrayList<>();
        List<V> records = new ArrayList<>();
        if (rows.isEmpty()) {
            problems.add(new Problem(0, null, "The file has no rows: nothing to import"));
        }
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            int before = problems.size();
            for (String column : row.cells().keySet()) {
                if (!kind.required.contains(column) && !kind.optional.contains(column)) {
                    problems.add(new Problem(row.number(), column, "unknown column; the columns are "
                            + concat(kind.required, kind.optional)));
                }
            }
            for (String column : kind.required) {
                if (!row.cells().containsKey(column)) {
                    problems.add(new Problem(row.number(), column, MISSING));
                }
            }
            String id = row.cells().get(kind.idColumn());
            if (id != null && !seen.add(id)) {
                problems.add(new Problem(row.number(), kind.idColumn(), id + " appears on an earlier row too"));
            }
            if (problems.size() == before) {
                V record = reader.read(row, problems);
                if (problems.size() == before) {
                    records.add(record);
                }
            }
        }
        return new Outcome<>(problems.isEmpty() ? records : List.of(), problems);
    }

    private static Member member(Row row, List<Problem> problems, Batch batch) {
        var cells = row.cells();
        String id = id(row, "member_id", problems);
        String email = email(row, "email", problems);
        String locale = locale(row, "locale", problems);
        List<String> locations = ImportRows.items(cells.get("location_ids"));
        locations.forEach(location -> id(row, "location_ids", location, problems));
        MemberRole role = choice(row, "role", MemberRole.class, MemberRole.MEMBER, problems);
        MemberStatus status = choice(row, "status", MemberStatus.class, MemberStatus.ACTIVE, problems);
        String content = String.join("\u0000", id, email, cells.get("name"), locale, String.join(";", locations),
                role.name(), status.name(), String.join(";", ImportRows.items(cells.get("tags"))));
        return Member.newBuilder()
                .setHeader(header(batch, "members", content, locations.isEmpty() ? null : locations.get(0)))
                .setMemberId(id).setEmail(email).setName(cells.get("name")).setLocale(locale)
                .setLocationIds(locations).setRole(role).setStatus(status)
                .setTags(ImportRows.items(cells.get("tags")))
                .build();
    }

    private static Location location(Row row, List<Problem> problems, Batch batch) {
        var cells = row.cells();
        String id = id(row, "location_id", problems);
        String zone = cells.get("time_zone");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(new Problem(row.number(), "time_zone", "not a time zone: " + zone
                    + " (an IANA name such as Europe/London)"));
        }
        String sender = email(row, "sender_mailbox", problems);
        String staff = email(row, "staff_mailbox", problems);
        String replyTo = cells.containsKey("reply_to") ? email(row, "reply_to", problems) : null;
        List<String> approvers = ImportRows.items(cells.get("approvers"));
        approvers.forEach(approver -> {
            if (!EMAIL.matcher(approver).matches()) {
                problems.add(new Problem(row.number(), "approvers", "not an email address: " + approver));
            }
        });
        String locale = cells.containsKey("default_locale") ? locale(row, "default_locale", problems) : "en";
        PostalAddress address = PostalAddress.newBuilder().setLine1(cells.get("line1")).setLine2(cells.get("line2"))
                .setCity(cells.get("city")).setRegion(cells.get("region")).setPostalCode(cells.get("postal_code"))
                .setCountry(cells.get("country")).build();
        String content = new java.util.TreeMap<>(cells).toString();
        return Location.newBuilder()
                .setHeader(header(batch, "locations", content, id))
                .setLocationId(id).setName(cells.get("name")).setAddress(address).setTimeZone(zone)
                .setJurisdiction(cells.get("jurisdiction").toUpperCase(Locale.ROOT)).setSenderMailbox(sender)
                .setSenderName(cells.get("sender_name")).setStaffMailbox(staff).setApprovers(approvers)
                .setReplyTo(replyTo).setDefaultLocale(locale)
                .build();
    }

    private static EventHeader header(Batch batch, String kind, String content, String locationId) {
        String name = "deskpost-directory-import\u0000" + kind + "\u0000" + content;
        return EventHeader.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                .setOccurredAt(batch.at())
                .setSource(batch.source())
                // a later import of the same id is a newer version of it
                .setEntityVersion(batch.at().toEpochMilli())
                .setLocationId(locationId)
                .setCorrelationId(batch.correlationId())
                .build();
    }

    private static String id(Row row, String column, List<Problem> problems) {
        return id(row, column, row.cells().get(column), problems);
    }

    private static String id(Row row, String column, String value, List<Problem> problems) {
        if (!ID.matcher(value).matches()) {
            problems.add(new Problem(row.number(), column, "not an id: " + value + " (letters, digits and . _ : @ / -,"
                    + " at most 128, starting with a letter or digit)"));
        }
        return value;
    }

    private static String email(Row row, String column, List<Problem> problems) {
        String value = row.cells().get(column);
        if (!EMAIL.matcher(value).matches()) {
            problems.add(new Problem(row.number(), column, "not an email address: " + value));
        }
        return value;
    }

    private static String locale(Row row, String column, List<Problem> problems) {
        String value = row.cells().getOrDefault(column, "en");
        String tag = Locale.forLanguageTag(value.replace('_', '-')).toLanguageTag();
        if ("und".equals(tag)) {
            problems.add(new Problem(row.number(), column, "not a language tag: " + value + " (e.g. en, de-DE)"));
        }
        return tag;
    }

    private static <E extends Enum<E>> E choice(Row row, String column, Class<E> type, E absent,
            List<Problem> problems) {
        String value = row.cells().get(column);
        if (value == null) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            problems.add(new Problem(row.number(), column, value + " is not one of " + names));
            return absent;
        }
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
