package com.deskpost.oversight.templates;

import com.deskpost.events.Location;
import com.deskpost.events.TemplateOverride;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateEntry;
import com.deskpost.platform.template.TemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A template as the composers would write it now, with the catalogue's sample data: in every language Deskpost
 * writes, for one location or for every location, with the staff's active overrides (from PostgreSQL, the source of
 * what mail.templates carries) and the composers' override directory, and which source each language came from
 * (the {@code MailLocales} fallback: a language without its own template shows the English one).
 */
@Component
public class TemplatePreviews {

    private final TemplateVersions versions;
    private final Directory directory;
    private final Path overrideDir;

    TemplatePreviews(TemplateVersions versions, Directory directory,
            @Value("${deskpost.templates.override-dir:}") String overrideDir) {
        this.versions = versions;
        this.directory = directory;
        this.overrideDir = overrideDir.isBlank() ? null : Path.of(overrideDir);
    }

    /** One language of a preview: what was rendered and from where. */
    public record Preview(String locale, String source, RenderedMail mail) {
    }

    /** @param locationId null or {@code *} for what a location without overrides of its own gets */
    public List<Preview> everyLanguage(String template, String locationId) {
        TemplateEntry entry = TemplateChanges.entry(new TemplateSlot(template, null, locationId));
        TemplateRenderer renderer = renderer();
        String location = new TemplateSlot(template, null, locationId).locationOrNull();
        return MailLocales.LANGUAGES.stream().map(Locale::forLanguageTag)
                .map(locale -> new Preview(locale.toLanguageTag(), renderer.source(template, locale, location),
                        renderer.render(template, locale, location, entry.sample())))
                .toList();
    }

    /** A saved version (active or not) rendered with the sample data. */
    public RenderedMail version(TemplateVersion version) {
        TemplateEntry entry = TemplateChanges.entry(version.slot());
        return renderer().render(asOverride(version), entry.sample());
    }

    /** What the composers would write for the slot's language and location now. */
    public RenderedMail current(TemplateSlot slot) {
        TemplateEntry entry = TemplateChanges.entry(slot);
        return renderer().render(slot.template(), slot.renderLocale(), slot.locationOrNull(), entry.sample());
    }

    /**
     * The slot's built-in parts (subject, text, HTML) as files, the language's own or those it falls back to: what
     * staff start editing from when the slot has no version yet.
     */
    public List<String> builtInSource(TemplateSlot slot) {
        List<String> names = new ArrayList<>();
        if (slot.localeOrNull() != null) {
            names.add(slot.template() + "_" + slot.locale());
            names.add(slot.template() + "_" + slot.renderLocale().getLanguage());
        }
        names.add(slot.template());
        List<String> parts = new ArrayList<>();
        for (String part : List.of("subject", "txt", "html")) {
            parts.add(names.stream().map(name -> read(name, part)).filter(Objects::nonNull).findFirst().orElse(""));
        }
        return parts;
    }

    private String read(String name, String part) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "templates/" + name + "." + part + ".mustache")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in template " + name + "." + part, e);
        }
    }

    public Optional<Location> location(String locationId) {
        return locationId == null || locationId.isBlank() ? Optional.empty() : directory.location(locationId.strip());
    }

    /** What a test send of the slot shows: the saved version named, else what the composers would write now. */
    public RenderedMail forTest(TemplateSlot slot, Integer version) {
        if (version == null) {
            return current(slot);
        }
        return version(versions.find(slot, version).orElseThrow(() -> new TemplateRefused(
                slot.describe() + " has no version " + version)));
    }

    /** The location a test send goes out from: the one named, else the slot's own. */
    public Location sender(TemplateSlot slot, String from) {
        String id = from == null || from.isBlank() ? slot.locationOrNull() : from.strip();
        return location(id).orElseThrow(() -> new TemplateRefused("choose the location the test goes out from (its"
                + " sender and postal address): \"" + (id == null ? "" : id) + "\" is no location in the directory"));
    }

    /** How a test send names what it shows. */
    public static String testLabel(Integer version) {
        return version == null ? "as the composers write it now" : "version " + version;
    }

    private TemplateRenderer renderer() {
        Map<String, TemplateOverride> active = new HashMap<>();
        versions.allActive().forEach(version -> active.put(version.slot().key(), asOverride(version)));
        return new TemplateRenderer(getClass().getClassLoader(), overrideDir,
                key -> Optional.ofNullable(active.get(key)));
    }

    static TemplateOverride asOverride(TemplateVersion version) {
        TemplateSlot slot = version.slot();
        return TemplateOverride.newBuilder().setTemplate(slot.template()).setLocale(slot.localeOrNull())
                .setLocationId(slot.locationOrNull()).setVersion(version.version()).setSubject(version.subject())
                .setText(version.text()).setHtml(version.html()).setActivatedBy(version.savedBy())
                .setActivatedAt(version.savedAt()).build();
    }
}
