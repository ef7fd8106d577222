package com.deskpost.oversight.templates;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.TemplateOverride;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.template.TemplateCatalogue;
import com.deskpost.platform.template.TemplateEntry;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff change a template: save a version (any text, as a draft), activate a version once it passes
 * {@link TemplateValidation}, roll back to an earlier version (validated again: the catalogue may have changed) or to
 * the built-in template. An activation or rollback commits with what it causes, through the outbox: the override
 * on mail.templates (a tombstone for the built-in), which the composers read, and its {@code TEMPLATE_CHANGED}
 * audit event on mail.audit (who, which template, locale and location, from version to version).
 */
@Component
public class TemplateChanges {

    static final String BUILT_IN = "built-in";

    private final TemplateVersions versions;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    TemplateChanges(TemplateVersions versions, TransactionTemplate tx, Outbox outbox) {
        this.versions = versions;
        this.tx = tx;
        this.outbox = outbox;
    }

    /** Saves a new version, not yet active; returns it with the problems activating it would meet. */
    public TemplateVersion save(TemplateSlot slot, String subject, String text, String html, String by) {
        entry(slot);
        return tx.execute(status -> versions.save(slot, nonNull(subject), nonNull(text), nonNull(html), by,
                clock.instant()));
    }

    /** Activates a saved version (a newer one or, as a rollback, an older one). */
    public void activate(TemplateSlot slot, int version, String by) {
        TemplateEntry entry = entry(slot);
        TemplateVersion chosen = versions.find(slot, version).orElseThrow(() -> new TemplateRefused(
                slot.describe() + " has no version " + version));
        List<TemplateValidation.Problem> problems = TemplateValidation.check(entry, chosen.subject(), chosen.text(),
                chosen.html());
        if (!problems.isEmpty()) {
            throw new TemplateRefused("Version " + version + " of " + slot.describe() + " cannot be activated", problems);
        }
        tx.executeWithoutResult(status -> {
            Optional<Integer> from = versions.activeForUpdate(slot);
            Instant now = clock.instant();
            versions.activate(slot, version, by, now);
            outbox.add(Topics.MAIL_TEMPLATES, slot.key(), TemplateOverride.newBuilder()
                    .setTemplate(slot.template()).setLocale(slot.localeOrNull()).setLocationId(slot.locationOrNull())
                    .setVersion(version).setSubject(chosen.subject()).setText(chosen.text()).setHtml(chosen.html())
                    .setActivatedBy(by).setActivatedAt(now).build());
            audit(slot, from.map(String::valueOf).orElse(BUILT_IN), String.valueOf(version), by, now);
        });
    }

    /** Back to the built-in template: the override is withdrawn everywhere. Nothing to do when none is active. */
    public void useBuiltIn(TemplateSlot slot, String by) {
        entry(slot);
        tx.executeWithoutResult(status -> {
            Optional<Integer> from = versions.activeForUpdate(slot);
            if (from.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            versions.deactivate(slot);
            outbox.remove(Topics.MAIL_TEMPLATES, slot.key());
            audit(slot, String.valueOf(from.get()), BUILT_IN, by, now);
        });
    }

    public List<TemplateVersion> history(TemplateSlot slot) {
        return versions.history(slot);
    }

    public Optional<TemplateVersion> active(TemplateSlot slot) {
        return versions.active(slot);
    }

    public Optional<TemplateVersion> find(TemplateSlot slot, int version) {
        return versions.find(slot, version);
    }

    public List<TemplateVersion> allActive() {
        return versions.allActive();
    }

    static TemplateEntry entry(TemplateSlot slot) {
        return TemplateCatalogue.builtIn().find(slot.template()).orElseThrow(() -> new TemplateRefused(
                "There is no template " + slot.template()));
    }

    private void audit(TemplateSlot slot, String from, String to, String by, Instant at) {
        // Not about a draft: the audit trail's draft id names the template slot, so its changes read as one history.
        String subject = "template:" + slot.key();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("template", slot.template());
        attributes.put("locale", slot.locale());
        attributes.put("location", slot.locationId());
        attributes.put("from_version", from);
        attributes.put("to_version", to);
        outbox.add(Topics.MAIL_AUDIT, subject, AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("audit", subject, AuditType.TEMPLATE_CHANGED.name(), from, to,
                        at.toString()))
                .setDraftId(subject).setType(AuditType.TEMPLATE_CHANGED).setOccurredAt(at).setActor(by)
                .setLocationId(slot.locationOrNull())
                .setDetail(slot.describe() + ": " + label(from) + " → " + label(to))
                .setAttributes(attributes).build());
    }

    private static String label(String version) {
        return BUILT_IN.equals(version) ? "the built-in template" : "version " + version;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value.replace("\r\n", "\n");
    }
}
