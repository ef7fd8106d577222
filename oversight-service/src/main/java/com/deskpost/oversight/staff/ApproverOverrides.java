package com.deskpost.oversight.staff;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The approvers an admin set for a location, in PostgreSQL: read on every question of who approves, so every replica
 * follows a change at once. Only {@link StaffDirectory} answers that question; this is its storage.
 */
@Component
public class ApproverOverrides {

    private final JdbcTemplate jdbc;

    public ApproverOverrides(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<List<String>> of(String locationId) {
        return jdbc.query("select approvers from location_approvers where location_id = ?",
                (rs, row) -> List.of((String[]) rs.getArray(1).getArray()), locationId).stream().findFirst();
    }

    /** Every location's override, by location id. */
    Map<String, List<String>> all() {
        Map<String, List<String>> all = new TreeMap<>();
        jdbc.query("select location_id, approvers from location_approvers", rs -> {
            all.put(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()));
        });
        return all;
    }

    /** Inside the caller's transaction; serialised per location by the row lock. */
    public void set(String locationId, List<String> approvers) {
        jdbc.update("""
                insert into location_approvers (location_id, approvers) values (?, ?)
                on conflict (location_id) do update set approvers = excluded.approvers, changed_at = now()""",
                locationId, approvers.toArray(String[]::new));
    }

    /** Back to the directory's list. */
    public void clear(String locationId) {
        jdbc.update("delete from location_approvers where location_id = ?", locationId);
    }
}
