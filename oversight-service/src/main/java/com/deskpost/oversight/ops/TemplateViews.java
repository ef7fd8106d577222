package com.deskpost.oversight.ops;

import com.deskpost.oversight.templates.TemplateChanges;
import com.deskpost.oversight.templates.TemplatePreviews;
import com.deskpost.oversight.templates.TemplateSlot;
import com.deskpost.oversight.templates.TemplateValidation;
import com.deskpost.oversight.templates.TemplateVersion;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateCatalogue;
import com.deskpost.platform.template.TemplateEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The template pages' models: a catalogue entry, and an override slot with the version shown (the one asked for,
 * else the active one, else the newest), its validation problems and preview, and the history. Every value is
 * escaped by the page; only the preview's HTML is not, after the mail safelist has cleaned it.
 */
final class TemplateViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TemplateViews() {
    }

    static Map<String, Object> entry(TemplateEntry entry) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", entry.name());
        model.put("composer", entry.composer());
        model.put("eventTypes", String.join(", ", entry.eventTypes()));
        model.put("required", names(entry.required()));
        model.put("optional", names(entry.optional()));
        List<String> lists = entry.listItems().entrySet().stream()
                .map(list -> list.getKey() + " (each with " + names(list.getValue()) + ")").sorted().toList();
        model.put("lists", String.join("; ", lists));
        model.put("locales", MailLocales.LANGUAGES.stream().map(tag -> tag.equals("en") ? "default" : tag).toList());
        return model;
    }

    static Map<String, Object> slot(TemplateSlot slot, TemplateChanges changes, TemplatePreviews previews,
            Integer asked) {
        TemplateEntry entry = TemplateCatalogue.builtIn().find(slot.template()).orElseThrow();
        List<TemplateVersion> history = changes.history(slot);
        Optional<TemplateVersion> active = changes.active(slot);
        Optional<TemplateVersion> shown = asked != null
                ? history.stream().filter(version -> version.version() == asked).findFirst()
                : active.or(() -> history.stream().findFirst());
        Map<String, Object> model = entry(entry);
        model.put("locale", slot.locale());
        model.put("location", slot.locationId());
        model.put("slot", slot.describe());
        model.put("hasActive", active.isPresent());
        int activeVersion = active.map(TemplateVersion::version).orElse(-1);
        model.put("activeLabel", active.map(version -> "version " + version.version()).orElse("the built-in template"));
        model.put("versions", history.stream().map(version -> Map.of("version", version.version(), "savedBy",
                version.savedBy(), "savedAt", TIME.format(version.savedAt()), "active",
                version.version() == activeVersion)).toList());
        model.put("hasVersions", !history.isEmpty());
        if (shown.isPresent()) {
            TemplateVersion version = shown.get();
            List<String> problems = TemplateValidation.check(entry, version.subject(), version.text(), version.html())
                    .stream().map(Object::toString).toList();
            model.put("shown", Map.of("version", version.version(), "valid", problems.isEmpty()));
            model.put("problems", problems);
            model.put("hasProblems", !problems.isEmpty());
            model.put("subject", version.subject());
            model.put("text", version.text());
            model.put("html", version.html());
            model.put("mail", problems.stream().anyMatch(problem -> problem.contains("Mustache syntax")) ? false
                    : mail(previews.version(version)));
        } else {
            List<String> builtIn = previews.builtInSource(slot);
            model.put("shown", false);
            model.put("problems", List.of());
            model.put("hasProblems", false);
            model.put("subject", builtIn.get(0).strip());
            model.put("text", builtIn.get(1));
            model.put("html", builtIn.get(2));
            model.put("mail", mail(previews.current(slot)));
        }
        return model;
    }

    static Map<String, Object> mail(RenderedMail mail) {
        return Map.of("subject", mail.subject(), "text", mail.text(), "safeHtml", safe(mail.html()));
    }

    static String safe(String html) {
        return TemplateValidation.safeForPreview(html);
    }

    private static String names(java.util.Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }
}
