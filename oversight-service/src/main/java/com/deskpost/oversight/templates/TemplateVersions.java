package com.deskpost.oversight.templates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The saved versions of every override and which one is active, in PostgreSQL (tables template_versions and
 * template_active, V11). Versions are never changed or deleted: a rollback activates an older one again.
 */
@Component
class TemplateVersions {

    private static final String COLUMNS = "template, locale, location_id, version, subject, text_body, html_body,"
            + " saved_by, saved_at";
    private final JdbcTemplate jdbc;

    TemplateVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Saves the next version number of the slot; concurrent saves of one slot conflict on the key and one retries. */
    TemplateVersion save(TemplateSlot slot, String subject, String text, String html, String savedBy, Instant at) {
        Integer last = jdbc.queryForObject("select max(version) from template_versions where template = ? and locale = ?"
                + " and location_id = ?", Integer.class, slot.template(), slot.locale(), slot.locationId());
        int version = last == null ? 1 : last + 1;
        jdbc.update("insert into template_versions (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                slot.template(), slot.locale(), slot.locationId(), version, subject, text, html, savedBy,
                Timestamp.from(at));
        return new TemplateVersion(slot, version, subject, text, html, savedBy, at);
    }

    /** Newest first. */
    List<TemplateVersion> history(TemplateSlot slot) {
        return jdbc.query("select " + COLUMNS + " from template_versions where template = ? and locale = ?"
                + " and location_id = ? order by version desc", TemplateVersions::version,
                slot.template(), slot.locale(), slot.locationId());
    }

    Optional<TemplateVersion> find(TemplateSlot slot, int version) {
        return jdbc.query("select " + COLUMNS + " from template_versions where template = ? and locale = ?"
                + " and location_id = ? and version = ?", TemplateVersions::version,
                slot.template(), slot.locale(), slot.locationId(), version).stream().findFirst();
    }

    /** The active version, locked until the transaction ends so two activations of one slot run one after another. */
    Optional<Integer> activeForUpdate(TemplateSlot slot) {
        return jdbc.queryForList("select version from template_active where template = ? and locale = ?"
                + " and location_id = ? for update", Integer.class, slot.template(), slot.locale(), slot.locationId())
                .stream().findFirst();
    }

    Optional<TemplateVersion> active(TemplateSlot slot) {
        return jdbc.query("select v.template, v.locale, v.location_id, v.version, v.subject, v.text_body,"
                + " v.html_body, v.saved_by, v.saved_at from template_active a join template_versions v using"
                + " (template, locale, location_id, version) where a.template = ? and a.locale = ?"
                + " and a.location_id = ?", TemplateVersions::version,
                slot.template(), slot.locale(), slot.locationId()).stream().findFirst();
    }

    /** Every active override, for previews and the list page. */
    List<TemplateVersion> allActive() {
        return jdbc.query("select v.template, v.locale, v.location_id, v.version, v.subject, v.text_body,"
                + " v.html_body, v.saved_by, v.saved_at from template_active a join template_versions v using"
                + " (template, locale, location_id, version) order by 1, 3, 2", TemplateVersions::version);
    }

    void activate(TemplateSlot slot, int version, String by, Instant at) {
        jdbc.update("""
                insert into template_active (template, locale, location_id, version, activated_by, activated_at)
                values (?, ?, ?, ?, ?, ?) on conflict (template, locale, location_id)
                do update set version = excluded.version, activated_by = excluded.activated_by,
                              activated_at = excluded.activated_at
                """, slot.template(), slot.locale(), slot.locationId(), version, by, Timestamp.from(at));
    }

    void deactivate(TemplateSlot slot) {
        jdbc.update("delete from template_active where template = ? and locale = ? and location_id = ?",
                slot.template(), slot.locale(), slot.locationId());
    }

    private static TemplateVersion version(ResultSet row, int n) throws SQLException {
        return new TemplateVersion(new TemplateSlot(row.getString(1), row.getString(2), row.getString(3)),
                row.getInt(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                row.getTimestamp(9).toInstant());
    }
}
