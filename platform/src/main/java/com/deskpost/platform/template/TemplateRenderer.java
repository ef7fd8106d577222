package com.deskpost.platform.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a mail from three Mustache templates on the classpath under {@code templates/}:
 * {@code <name>.subject.mustache}, {@code <name>.txt.mustache} and {@code <name>.html.mustache}.
 * Values are HTML-escaped in the HTML part only; the subject is flattened to one line, since a
 * header value may never contain CR or LF.
 */
public final class TemplateRenderer {

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true);
    private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("").emptyStringIsFalse(true);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;

    public TemplateRenderer(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public RenderedMail render(String name, Map<String, ?> model) {
        String subject = template(name + ".subject", plain).execute(model).replaceAll("[\\r\\n]+", " ").strip();
        String text = template(name + ".txt", plain).execute(model);
        String body = template(name + ".html", html).execute(model);
        return new RenderedMail(subject, text, body);
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
