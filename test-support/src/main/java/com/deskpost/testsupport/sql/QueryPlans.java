package com.deskpost.testsupport.sql;

import com.deskpost.testsupport.architecture.ModularityRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Shows whether a query reads a whole table: its plan with sequential scans switched off ({@code enable_seqscan =
 * off}), so the planner takes any index that can serve the query and falls back to a {@code Seq Scan} only where
 * none can, whatever the tables hold; an index it can only read end to end counts as a whole table too
 * ({@link #wholeTableReads}). A module keeps its queries in {@code static final String} constants, so a test
 * explains the text the code runs ({@link #sqlConstants}) and fails when a new query has no plan to check.
 */
public final class QueryPlans {

    // Our SQL is lower case; a message that starts "Update ..." is no query.
    private static final Pattern READS_ROWS = Pattern.compile(
            "(?s)\\s*(select\\b.*\\bfrom\\b.*|update \\w+ set\\b.*|delete from\\b.*|with\\b.*\\bselect\\b.*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryPlans() {
    }

    /**
     * Every {@code static final String} of the module's production classes that reads rows (a lower-case select,
     * update or delete; an insert reads none), keyed {@code SimpleClassName.FIELD}, in key order.
     */
    public static Map<String, String> sqlConstants(Class<?> anyClassOfTheModule) {
        Map<String, String> constants = new TreeMap<>();
        for (JavaClass javaClass : ModularityRules.productionClassesBeside(anyClassOfTheModule)) {
            Class<?> type = javaClass.reflect();
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() == String.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                    String value = valueOf(field);
                    if (value != null && READS_ROWS.matcher(value).matches()) {
                        constants.put(type.getSimpleName() + "." + field.getName(), value);
                    }
                }
            }
        }
        return constants;
    }

    /** The plan of {@code sql} with these arguments, sequential scans off, as EXPLAIN prints it. */
    public static String explain(Connection connection, String sql, List<?> args) throws SQLException {
        StringBuilder plan = new StringBuilder();
        for (String line : run(connection, "explain " + sql, args)) {
            plan.append(line).append('\n');
        }
        return plan.toString();
    }

    /**
     * How the plan of {@code sql} reads a whole table, one line each: a {@code Seq Scan}, or an index scan with no
     * condition on the index's first column (a non-leading column's condition is checked against every entry of the
     * index). A scan of a partial index is taken as selective: its predicate is the condition.
     */
    public static List<String> wholeTableReads(Connection connection, String sql, List<?> args) throws SQLException {
        JsonNode plan;
        try {
            plan = JSON.readTree(String.join("\n", run(connection, "explain (format json) " + sql, args)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EXPLAIN gave no JSON for " + sql, e);
        }
        List<String> reads = new ArrayList<>();
        collect(connection, plan.get(0).get("Plan"), reads);
        return reads;
    }

    private static void collect(Connection connection, JsonNode node, List<String> reads) throws SQLException {
        String type = node.path("Node Type").asText();
        String table = node.path("Relation Name").asText();
        if (type.equals("Seq Scan")) {
            reads.add("Seq Scan on " + table);
        } else if (type.endsWith("Index Scan") || type.equals("Index Only Scan")) {
            String index = node.path("Index Name").asText();
            String condition = node.path("Index Cond").asText("");
            Index definition = index(connection, index);
            if (!definition.partial() && !Pattern.compile("(?<!\\w)" + Pattern.quote(definition.firstColumn())
                    + "(?!\\w)").matcher(condition).find()) {
                reads.add(type + " using " + index + " on " + table + " without a condition on "
                        + definition.firstColumn() + (condition.isEmpty() ? "" : " (" + condition + ")"));
            }
        }
        for (JsonNode child : node.path("Plans")) {
            collect(connection, child, reads);
        }
    }

    private record Index(String firstColumn, boolean partial) {
    }

    private static Index index(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select pg_get_indexdef(i.indexrelid, 1, true), i.indpred is not null
                  from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ?""")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No index " + name);
                }
                return new Index(row.getString(1), row.getBoolean(2));
            }
        }
    }

    private static List<String> run(Connection connection, String explain, List<?> args) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("set enable_seqscan = off");
        }
        try (PreparedStatement statement = connection.prepareStatement(explain)) {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                statement.setObject(i + 1, arg instanceof String[] texts ? connection.createArrayOf("text", texts) : arg);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        } finally {
            try (Statement settings = connection.createStatement()) {
                settings.execute("reset enable_seqscan");
            }
        }
    }

    private static String valueOf(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }
}
