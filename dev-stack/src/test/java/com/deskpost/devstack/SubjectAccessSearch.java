package com.deskpost.devstack;

import com.deskpost.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What a subject access test checks an export against: every row of every table of the stack's databases in which
 * any text, json or bytea column (bytea read as its bytes) holds one of the person's names (address, pseudonym), as
 * ErasureEndToEndIT's search finds them; and whether the export holds such a row, in the section its table belongs
 * in. A table that comes to hold people's data (the sent-mail archive, the consent history) is named as unknown
 * until its section is mapped here.
 */
final class SubjectAccessSearch {

    /** A row naming the person: where it is, and its primary key's values by column. */
    record Row(String table, Map<String, String> key) {

        @Override
        public String toString() {
            return table + " " + key;
        }
    }

    /** The section of the export each table's rows about a person belong in. */
    private static final Map<String, String> SECTION_OF_TABLE = Map.of(
            "delivery_ledger", "deliveryLedger", "consent_tags", "consentTags", "mail_feedback", "feedback",
            "delivery_claim", "sendClaims", "held_drafts", "heldDrafts", "digest_entries", "digestEntries",
            "audit_log", "auditTrail", "consent_history", "consentHistory", "sent_archive", "sentMail");

    private static final Set<String> SEARCHED_TYPES = Set.of("text", "character varying", "character", "json",
            "jsonb", "bytea");

    private SubjectAccessSearch() {
    }

    /** Every row of every table of the databases that holds one of the needles, in any case. */
    static List<Row> rowsNaming(List<Postgres.Database> databases, String... needles) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (Postgres.Database db : databases) {
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
                for (Map.Entry<String, List<String[]>> table : columns(connection).entrySet()) {
                    rows.addAll(rowsNaming(connection, table.getKey(), table.getValue(), needles));
                }
            }
        }
        return rows;
    }

    /**
     * Why the export does not hold the row, or nothing when it does: an entry of the section its table belongs in
     * has each value of the row's primary key as one of its values (a draft id, an address, a tag, an audit row's
     * seq). A table no section is known to export is named as such: a new store of personal data adds its section
     * to the export and its table here.
     *
     * @param sections the export's {@code sections}
     */
    static Optional<String> unrepresented(Row row, JsonNode sections) {
        String section = SECTION_OF_TABLE.get(row.table());
        if (section == null) {
            return Optional.of(row + ": no section of the export is known to hold table " + row.table());
        }
        JsonNode entries = sections.get(section);
        if (entries == null || !entries.isArray()) {
            return Optional.of(row + ": the export has no section " + section);
        }
        for (JsonNode entry : entries) {
            Set<String> values = new HashSet<>();
            collectValues(entry, values);
            if (!row.key().isEmpty() && values.containsAll(row.key().values())) {
                return Optional.empty();
            }
        }
        return Optional.of(row + ": not in section " + section);
    }

    /** The entry's values, those of objects nested in it too (a sentMail entry nests the archive entry). */
    private static void collectValues(JsonNode node, Set<String> values) {
        node.forEach(value -> {
            if (value.isValueNode() && !value.isNull()) {
                values.add(value.asString());
            } else if (value.isObject()) {
                collectValues(value, values);
            }
        });
    }

    /** Searched columns by table: {name, data type}. */
    private static Map<String, List<String[]>> columns(Connection connection) throws SQLException {
        Map<String, List<String[]>> columns = new LinkedHashMap<>();
        try (ResultSet rows = connection.createStatement().executeQuery("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                 order by c.table_name, c.ordinal_position""")) {
            while (rows.next()) {
                if (SEARCHED_TYPES.contains(rows.getString(3))) {
                    columns.computeIfAbsent(rows.getString(1), table -> new ArrayList<>())
                            .add(new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        return columns;
    }

    private static List<Row> rowsNaming(Connection connection, String table, List<String[]> columns, String[] needles)
            throws SQLException {
        List<String> key = primaryKey(connection, table);
        String anyColumnHolds = columns.stream().map(column -> {
            String name = "\"" + column[0] + "\"";
            String text = "bytea".equals(column[1]) ? "encode(" + name + ", 'escape')" : name + "::text";
            return "strpos(lower(" + text + "), lower(?)) > 0";
        }).collect(Collectors.joining(" or "));
        String selected = key.isEmpty() ? "1" : key.stream().map(column -> "\"" + column + "\"::text")
                .collect(Collectors.joining(", "));
        List<Row> rows = new ArrayList<>();
        for (String needle : needles) {
            try (PreparedStatement query = connection.prepareStatement("select " + selected + " from \"" + table
                    + "\" where " + anyColumnHolds)) {
                for (int i = 1; i <= columns.size(); i++) {
                    query.setString(i, needle.toLowerCase(Locale.ROOT));
                }
                try (ResultSet found = query.executeQuery()) {
                    while (found.next()) {
                        Map<String, String> values = new LinkedHashMap<>();
                        for (int i = 0; i < key.size(); i++) {
                            values.put(key.get(i), found.getString(i + 1));
                        }
                        rows.add(new Row(table, values));
                    }
                }
            }
        }
        return rows.stream().distinct().toList();
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select k.column_name from information_schema.table_constraints c
                  join information_schema.key_column_usage k
                    on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
                 where c.table_schema = current_schema() and c.table_name = ? and c.constraint_type = 'PRIMARY KEY'
                 order by k.ordinal_position""")) {
            query.setString(1, table);
            List<String> key = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
            return key;
        }
    }
}
