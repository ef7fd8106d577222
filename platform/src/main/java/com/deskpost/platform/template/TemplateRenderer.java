package com.deskpost.platform.template;

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
    private final ClassLoader classLoader;
    private final Path overrideDir;

    private record Compiled(FileTime modified, Template template) {
    }

    public TemplateRenderer(ClassLoader classLoader) {
        this(classLoader, null);
    }

    /** @param overrideDir operator templates that win over the classpath ones; null for none */
    public TemplateRenderer(ClassLoader classLoader, Path overrideDir) {
        this.classLoader = classLoader;
        this.overrideDir = overrideDir;
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
        List<String> names = localisedNames(name, locale);
        String[] rendered = new String[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) {
            Mustache.Compiler compiler = PARTS[i].equals("html") ? html : plain;
            rendered[i] = resolve(names, PARTS[i], locationId, compiler).execute(model);
        }
        return new RenderedMail(flatten(rendered[0]), rendered[1], rendered[2]);
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
            // The classpath does not change while running, and a miss scans every jar on it: asked once per name.
            if (onClasspath.computeIfAbsent(path, missing -> classLoader.getResource(missing) != null)) {
                return template(file, compiler);
            }
        }
        // Not found anywhere: the base name's classpath lookup reports the clear error.
        return template(names.get(names.size() - 1) + "." + part, compiler);
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
