package com.deskpost.audit.processing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How many audit rows are stored under each processing activity: read off the index on the activity (never the
 * table), so the register stays cheap however long the trail is. Rows stored before records of processing have
 * no activity and rows archived to files are no longer in the table: neither is counted.
 */
@Repository
class ActivityCounts {

    static final String COUNTS = """
            select processing_activity, count(*) as stored from audit_log
             where processing_activity = any(?) group by processing_activity""";

    private final JdbcTemplate jdbc;

    ActivityCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows per activity id; an id with no rows is absent. */
    Map<String, Long> of(List<String> activities) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(COUNTS, rs -> {
            counts.put(rs.getString("processing_activity"), rs.getLong("stored"));
        }, (Object) activities.toArray(String[]::new));
        return counts;
    }
}
