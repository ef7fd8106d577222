package com.deskpost.platform.template;

import com.deskpost.events.TemplateOverride;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Renders a mail from three Mustache templates: {@code <name>.subject.mustache},
 * {@code <name>.txt.mustache} and {@code <name>.html.mustache}, on the classpath under
 * {@code templates/}. Values are HTML-escaped in the HTML part only; the subject is flattened to
 * one line, since a header value may never contain CR or LF.
 *
 * <p>Localised and per-location renders ({@link #render(String, Locale, String, Map)}) look for
 * each part under the most specific name first: {@code <name>_<language>-<COUNTRY>}, then
 * {@code <name>_<language>}, then {@code <name>} (the English default). For each of those names an
 * operator's override directory, when configured, wins over the classpath: first
 * {@code <override-dir>/<location-id>/}, then {@code <override-dir>/}. Override files are re-read
 * when they change, so an operator edits a template without a rebuild or restart.
 *
 * <p>Before the files, for each of those names, the staff's active overrides ({@link TemplateOverrideSource}:
 * activated on oversight's ops page, carried by {@code mail.templates}) are asked: first the one for the location,
 * then the one for every location. An override replaces all three parts of that language; the language chain is
 * never left for an override, so an override of the English template never reaches a German member while a German
 * template exists.
 */
public final class TemplateRenderer {

    /** Location ids become a directory name: anything that could climb out of the override directory is refused. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String[] PARTS = {"subject", "txt", "html"};

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true);
    private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("").emptyStringIsFalse(true);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> onClasspath = new ConcurrentHashMap<>();
    private final Map<Path, Compiled> overrides = new ConcurrentHashMap<>();
    private final Map<String, Template> staffCompiled = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;
    private final Path overrideDir;
    private final TemplateOverrideSource staff;

    private record Compiled(FileTime modified, Template template) {
    }

    public TemplateRenderer(ClassLoader classLoader) {
        this(classLoader, null);
    }

    /** @param overrideDir operator templates that win over the classpath ones; null for none */
    public TemplateRenderer(ClassLoader classLoader, Path overrideDir) {
        this(classLoader, overrideDir, new LiveTemplateOverrides());
    }

    /** @param staff the staff's active overrides, asked before any file */
    public TemplateRenderer(ClassLoader classLoader, Path overrideDir, TemplateOverrideSource staff) {
        this.classLoader = classLoader;
        this.overrideDir = overrideDir;
        this.staff = staff;
    }

    /** The overrides this renderer asks first; a composer's topology keeps them current from mail.templates. */
    public TemplateOverrideSource overrides() {
        return staff;
    }

    /** The classpath template {@code name} (no locale, no location), as before overrides existed. */
    public RenderedMail render(String name, Map<String, ?> model) {
        String subject = flatten(template(name + ".subject", plain).execute(model));
        String text = template(name + ".txt", plain).execute(model);
        String body = template(name + ".html", html).execute(model);
        return new RenderedMail(subject, text, body);
    }

    /**
     * The template {@code name} in the most specific language available for {@code locale}, as
     * overridden for {@code locationId} (may be null) where the operator has done so.
     */
    public RenderedMail render(String name, Locale locale, String locationId, Map<String, ?> model) {
        Resolved resolved = resolve(name, locale, locationId);
        if (resolved.override() != null) {
            return render(resolved.override(), model);
        }
        List<String> names = resolved.names();
        String[] rendered = new String[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) {
            Mustache.Compiler compiler = PARTS[i].equals("html") ? html : plain;
            rendered[i] = resolve(names, PARTS[i], locationId, compiler).execute(model);
        }
        return new RenderedMail(flatten(rendered[0]), rendered[1], rendered[2]);
    }

    /**
     * Renders an override's own sources, as composers render an active one (values escaped in the HTML part only).
     *
     * @throws com.samskivert.mustache.MustacheException when a part is not valid Mustache
     */
    public RenderedMail render(TemplateOverride override, Map<String, ?> model) {
        return new RenderedMail(flatten(staffTemplate(override.getSubject(), plain).execute(model)),
                staffTemplate(override.getText(), plain).execute(model),
                staffTemplate(override.getHtml(), html).execute(model));
    }

    /**
     * What {@link #render(String, Locale, String, Map)} would use, in words for staff: the override's key and
     * version, else the subject's file ({@code templates/booking-confirmation_de.subject.mustache}).
     */
    public String source(String name, Locale locale, String locationId) {
        Resolved resolved = resolve(name, locale, locationId);
        if (resolved.override() != null) {
            TemplateOverride override = resolved.override();
            return "override " + TemplateOverrideKeys.of(override.getLocationId(), override.getTemplate(),
                    override.getLocale()) + " version " + override.getVersion();
        }
        for (String candidate : resolved.names()) {
            String file = candidate + ".subject";
            if (override(file, locationId, plain).isPresent()) {
                return "override directory: " + file + ".mustache";
            }
            if (classLoader.getResource("templates/" + file + ".mustache") != null) {
                return "templates/" + file + ".mustache";
            }
        }
        return "templates/" + name + ".subject.mustache (missing)";
    }

    /** A staff override found before any file of the same language, or the names to look the files up under. */
    private record Resolved(TemplateOverride override, List<String> names) {
    }

    private Resolved resolve(String name, Locale locale, String locationId) {
        List<String> names = localisedNames(name, locale);
        for (int i = 0; i < names.size(); i++) {
            String tag = i == names.size() - 1 ? null : names.get(i).substring(name.length() + 1);
            Optional<TemplateOverride> found = locationId == null ? Optional.empty()
                    : staff.find(TemplateOverrideKeys.of(locationId, name, tag));
            if (found.isEmpty()) {
                found = staff.find(TemplateOverrideKeys.of(null, name, tag));
            }
            if (found.isPresent()) {
                return new Resolved(found.get(), names);
            }
            String subject = names.get(i) + ".subject";
            if (override(subject, locationId, plain).isPresent() || onClasspath("templates/" + subject + ".mustache")) {
                // This language exists as files: the rest of the chain is for parts it lacks, never for overrides.
                return new Resolved(null, names.subList(i, names.size()));
            }
        }
        return new Resolved(null, names);
    }

    private Template staffTemplate(String source, Mustache.Compiler compiler) {
        if (staffCompiled.size() > 1_000) {
            // Versions come and go as staff edit; a cache of every one ever seen would only grow.
            staffCompiled.clear();
        }
        return staffCompiled.computeIfAbsent((compiler == html ? "h:" : "p:") + source, key -> compiler.compile(source));
    }

    static List<String> localisedNames(String name, Locale locale) {
        List<String> names = new ArrayList<>();
        if (locale != null && !locale.getLanguage().isEmpty()) {
            if (!locale.getCountry().isEmpty()) {
                names.add(name + "_" + locale.getLanguage() + "-" + locale.getCountry());
            }
            names.add(name + "_" + locale.getLanguage());
        }
        names.add(name);
        return names;
    }

    private Template resolve(List<String> names, String part, String locationId, Mustache.Compiler compiler) {
        for (String candidate : names) {
            String file = candidate + "." + part;
            Optional<Template> override = override(file, locationId, compiler);
            if (override.isPresent()) {
                return override.get();
            }
            String path = "templates/" + file + ".mustache";
            if (onClasspath(path)) {
                return template(file, compiler);
            }
        }
        // Not found anywhere: the base name's classpath lookup reports the clear error.
        return template(names.get(names.size() - 1) + "." + part, compiler);
    }

    private boolean onClasspath(String path) {
        // The classpath does not change while running, and a miss scans every jar on it: asked once per name.
        return onClasspath.computeIfAbsent(path, missing -> classLoader.getResource(missing) != null);
    }

    private Optional<Template> override(String file, String locationId, Mustache.Compiler compiler) {
        if (overrideDir == null) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        if (locationId != null && SAFE_SEGMENT.matcher(locationId).matches()) {
            candidates.add(overrideDir.resolve(locationId).resolve(file + ".mustache"));
        }
        candidates.add(overrideDir.resolve(file + ".mustache"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(compileOverride(candidate, compiler));
            }
        }
        return Optional.empty();
    }

    private Template compileOverride(Path file, Mustache.Compiler compiler) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Compiled cached = overrides.get(file);
            if (cached != null && cached.modified().equals(modified)) {
                return cached.template();
            }
            Template template = compiler.compile(Files.readString(file, StandardCharsets.UTF_8));
            overrides.put(file, new Compiled(modified, template));
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read override template " + file, e);
        }
    }

    private static String flatten(String subject) {
        return subject.replaceAll("[\\r\\n]+", " ").strip();
    }

    private Template template(String name, Mustache.Compiler compiler) {
        return compiled.computeIfAbsent(name, key -> compiler.compile(load("templates/" + key + ".mustache")));
    }

    private String load(String path) {
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Template " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + path, e);
        }
    }
}
