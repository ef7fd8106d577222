package com.deskpost.reliability.input;

import com.deskpost.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain JDBC reads of the stack's two databases, for what the scenarios count. */
final class Databases {

    private Databases() {
    }

    static Connection connect(Postgres.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    static long count(Postgres.Database db, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(db); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static List<Map<String, Object>> rows(Postgres.Database db, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(db); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> result = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(rows.getMetaData().getColumnLabel(c), rows.getObject(c));
                    }
                    result.add(row);
                }
            }
            return result;
        }
    }

    /**
     * For each table.column of the public schema whose type holds text (text, varchar, char, json,
     * jsonb, and bytea read as UTF-8 text too), the rows containing {@code needle}, case-insensitive.
     * Only non-zero counts are returned, keyed {@code table.column}.
     */
    static Map<String, Long> search(Postgres.Database db, String needle) throws SQLException {
        Map<String, Long> hits = new LinkedHashMap<>();
        String pattern = "%" + needle.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        try (Connection connection = connect(db)) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    select table_name, column_name, data_type from information_schema.columns
                     where table_schema = 'public'
                       and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                     order by table_name, ordinal_position""");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (String[] column : columns) {
                String value = "bytea".equals(column[2])
                        ? "encode(" + quote(column[1]) + ", 'escape')"
                        : quote(column[1]) + "::text";
                String sql = "select count(*) from " + quote(column[0]) + " where lower(" + value + ") like ?";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setString(1, pattern);
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            hits.put(column[0] + "." + column[1], rows.getLong(1));
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
