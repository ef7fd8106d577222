package com.deskpost.audit.processing;

import com.deskpost.audit.chain.ChainHash;
import com.deskpost.events.AuditEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which entry of the records of processing an audit row is recorded under, and so its lawful basis and purpose.
 * A row's own audit type comes first where it has an entry (an agent's call, a paused sender, a bounce: what is
 * processed there is the accountability or the suppression, not the mail); then the draft's event type
 * (attribute {@code event_type}); then its category's default (attribute {@code category}), so a new event type
 * is never stored without a basis; then the unclassified entry. Activity ids name where the entry came from:
 * {@code event:<type>}, {@code category:<CATEGORY>}, {@code audit:<TYPE>}, {@code unclassified}.
 */
@Component
public class RecordsOfProcessing {

    static final String UNCLASSIFIED = "unclassified";

    private final Map<String, Activity> byEventType = new LinkedHashMap<>();
    private final Map<String, Activity> byCategory = new LinkedHashMap<>();
    private final Map<String, Activity> byAuditType = new LinkedHashMap<>();
    private final Activity unclassified;

    public RecordsOfProcessing(ProcessingProperties settings) {
        index(byEventType, "event:", settings.eventTypes());
        index(byCategory, "category:", settings.categories());
        index(byAuditType, "audit:", settings.auditTypes());
        unclassified = new Activity(UNCLASSIFIED, "Rows that name no communication type", settings.unclassified());
    }

    /**
     * One entry of the register.
     *
     * @param id what rows recorded under it store as their processing activity
     * @param covers which rows are recorded under it, in words
     */
    public record Activity(String id, String covers, ProcessingActivity processing) {
    }

    /** What the event's row is stored under: its activity, lawful basis and purpose, as its hash covers them. */
    public ChainHash.Processing of(AuditEvent event) {
        Activity activity = activityOf(event.getType().name(), event.getAttributes().get("event_type"),
                event.getAttributes().get("category"));
        return new ChainHash.Processing(activity.id(), activity.processing().lawfulBasis().name(),
                activity.processing().purpose());
    }

    /** The entry of a row of this audit type, event type and category (the last two may be null). */
    Activity activityOf(String auditType, String eventType, String category) {
        return Optional.ofNullable(byAuditType.get(ProcessingProperties.key(auditType)))
                .or(() -> Optional.ofNullable(byEventType.get(ProcessingProperties.key(eventType))))
                .or(() -> Optional.ofNullable(byCategory.get(ProcessingProperties.key(category))))
                .orElse(unclassified);
    }

    /** Every entry: communication types by name, then the categories' defaults, the audit types, unclassified. */
    public List<Activity> activities() {
        List<Activity> all = new ArrayList<>();
        for (Map<String, Activity> entries : List.of(byEventType, byCategory, byAuditType)) {
            entries.values().stream().sorted(Comparator.comparing(Activity::id)).forEach(all::add);
        }
        all.add(unclassified);
        return all;
    }

    private static void index(Map<String, Activity> index, String prefix, Map<String, ProcessingActivity> entries) {
        entries.forEach((name, processing) -> index.put(ProcessingProperties.key(name),
                new Activity(prefix + name, covers(prefix, name), processing)));
    }

    private static String covers(String prefix, String name) {
        return switch (prefix) {
            case "event:" -> "Mail of event type " + name;
            case "category:" -> name + " mail of an event type not listed";
            default -> "Audit rows of type " + name;
        };
    }
}
