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
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a subject access test checks an export against: every row of every table of the stack's databases in which
 * any text, json or bytea column (bytea read as its bytes) holds one of the person's names (address, pseudonym), as
 * ErasureEndToEndIT's search finds them; and whether the export represents a row, i.e. holds each value of the row's
 * primary key as a value (a draft id, an address, a tag, an audit row's seq).
 */
final class SubjectAccessSearch {

    /** A row naming the person: where it is, and its primary key's values by column. */
    record Row(String table, Map<String, String> key) {

        @Override
        public String toString() {
            return table + " " + key;
        }
    }

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

    /** Whether the export holds every value of the row's key as one of its values. */
    static boolean represented(Row row, Set<String> exportValues) {
        return !row.key().isEmpty() && exportValues.containsAll(row.key().values());
    }

    /** Every scalar value of a JSON document, as text (a number as its digits). */
    static Set<String> values(String json) {
        Set<String> values = new HashSet<>();
        collect(JsonMapper.shared().readTree(json), values);
        return values;
    }

    private static void collect(JsonNode node, Set<String> values) {
        if (node.isContainer()) {
            node.forEach(child -> collect(child, values));
        } else if (!node.isNull()) {
            values.add(node.asString());
        }
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
