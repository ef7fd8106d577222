package com.deskpost.testsupport.sql;

import com.deskpost.testsupport.architecture.ModularityRules;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows whether a query reads a whole table: its plan with sequential scans switched off ({@code enable_seqscan =
 * off}), so the planner takes any index that can serve the query and falls back to a {@code Seq Scan} only where
 * none can, whatever the tables hold. A module keeps its queries in {@code static final String} constants, so a test
 * explains the text the code runs ({@link #sqlConstants}) and fails when a new query has no plan to check.
 */
public final class QueryPlans {

    // Our SQL is lower case; a message that starts "Update ..." is no query.
    private static final Pattern READS_ROWS = Pattern.compile(
            "(?s)\\s*(select\\b.*\\bfrom\\b.*|update \\w+ set\\b.*|delete from\\b.*|with\\b.*\\bselect\\b.*)");
    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");

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

    /** The plan of {@code sql} with these arguments, sequential scans off, one line per plan line. */
    public static String explain(Connection connection, String sql, List<?> args) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("set enable_seqscan = off");
        }
        try (PreparedStatement explain = connection.prepareStatement("explain " + sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                explain.setObject(i + 1, arg instanceof String[] texts ? connection.createArrayOf("text", texts) : arg);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } finally {
            try (Statement settings = connection.createStatement()) {
                settings.execute("reset enable_seqscan");
            }
        }
    }

    /** The tables a plan reads from start to end: each {@code Seq Scan on <table>}. */
    public static List<String> sequentialScans(String plan) {
        List<String> tables = new ArrayList<>();
        Matcher scan = SEQ_SCAN.matcher(plan);
        while (scan.find()) {
            tables.add(scan.group(1));
        }
        return tables;
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
