package com.deskpost.ops.redrive;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one redrive run.
 *
 * @param outcomes every dead letter examined, in order per partition
 * @param remaining records left in the dead-letter topic after this run's position (a later run continues there)
 */
public record RedriveReport(List<Outcome> outcomes, long remaining) {

    public long redriven() {
        return outcomes.stream().filter(Outcome::redriven).count();
    }

    public long skipped() {
        return outcomes.size() - redriven();
    }

    /** Skipped records counted by why. */
    public Map<String, Long> skippedBy() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.stream().filter(o -> !o.redriven()).forEach(o -> counts.merge(o.skipped(), 1L, Long::sum));
        return counts;
    }
}
