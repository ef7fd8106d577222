package com.deskpost.oversight.policy;

import com.deskpost.events.OversightMode;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The oversight policy as stored in PostgreSQL, the one every replica applies: each draft's mailbox mode and floor
 * are read with one query by primary keys when it arrives, so an admin's change holds for the next draft on every
 * replica, with no cache to go stale. The configuration only seeds it: when no policy is stored yet, the configured
 * one is stored whole; from then on the stored policy applies and a changed configuration is reported, not applied
 * (an admin's removal of a floor must not come back with the next restart).
 */
public class StoredPolicy implements OversightPolicy.Rules {

    private static final Logger log = LoggerFactory.getLogger(StoredPolicy.class);

    /** Per draft: by primary keys only (QueryPlansIT). */
    static final String APPLICABLE = """
            select p.default_mode, m.mode as mailbox_mode, f.mode as floor
              from policy p
              left join policy_mailbox_modes m on m.location_id = ?
              left join policy_event_type_floors f on f.event_type = ?
             where p.id = 1""";

    private final JdbcTemplate jdbc;

    public StoredPolicy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OversightPolicy.Applicable applicable(String locationId, String eventType) {
        return jdbc.queryForObject(APPLICABLE, (rs, row) -> {
            String mailbox = rs.getString("mailbox_mode");
            String floor = rs.getString("floor");
            return new OversightPolicy.Applicable(
                    OversightMode.valueOf(mailbox == null ? rs.getString("default_mode") : mailbox),
                    floor == null ? OversightMode.AUTONOMOUS : OversightMode.valueOf(floor));
        }, locationId, eventType);
    }

    /** The whole stored policy. Inside a transaction that changes it, call {@link #lock()} first. */
    public PolicySettings load() {
        OversightMode defaultMode = jdbc.queryForObject("select default_mode from policy where id = 1",
                (rs, row) -> OversightMode.valueOf(rs.getString(1)));
        return new PolicySettings(defaultMode, modes("select location_id, mode from policy_mailbox_modes"),
                modes("select event_type, mode from policy_event_type_floors"));
    }

    /** Serialises changes of the policy until the transaction ends, so each change's "before" is what it replaced. */
    public void lock() {
        jdbc.queryForObject("select id from policy where id = 1 for update", Integer.class);
    }

    /** Replaces the stored policy by this one; inside the caller's transaction. */
    public void save(PolicySettings settings) {
        jdbc.update("update policy set default_mode = ? where id = 1", settings.defaultMode().name());
        jdbc.update("delete from policy_mailbox_modes");
        settings.mailboxModes().forEach((location, mode) ->
                jdbc.update("insert into policy_mailbox_modes (location_id, mode) values (?, ?)", location, mode.name()));
        jdbc.update("delete from policy_event_type_floors");
        settings.eventTypeFloors().forEach((eventType, mode) ->
                jdbc.update("insert into policy_event_type_floors (event_type, mode) values (?, ?)", eventType,
                        mode.name()));
    }

    /**
     * Stores the configured policy when none is stored yet (the first start; replicas starting together store it
     * once). Inside the caller's transaction.
     *
     * @return whether it was stored now
     */
    public boolean seed(OversightProperties configured) {
        PolicySettings settings = PolicySettings.of(configured);
        int inserted = jdbc.update("insert into policy (id, default_mode) values (1, ?) on conflict (id) do nothing",
                settings.defaultMode().name());
        if (inserted == 1) {
            save(settings);
            log.info("Oversight policy stored from the configuration: {}", settings.describe());
            return true;
        }
        PolicySettings stored = load();
        if (!stored.equals(settings)) {
            log.info("The stored oversight policy applies, not deskpost.oversight.default-mode, mailbox-modes and "
                    + "event-type-floors (they only seed it): stored {}, configured {}. Change it at /ops/admin.",
                    stored.describe(), settings.describe());
        }
        return false;
    }

    private Map<String, OversightMode> modes(String sql) {
        Map<String, OversightMode> modes = new HashMap<>();
        jdbc.query(sql, rs -> {
            modes.put(rs.getString(1), OversightMode.valueOf(rs.getString(2)));
        });
        return modes;
    }
}
