package com.deskpost.oversight.ops;

import com.samskivert.mustache.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The ops pages' JMustache templates, from {@code ops/<name>.mustache} on the classpath, compiled
 * once. Every value is HTML-escaped: subjects and previews come from composers and, through them,
 * from members' own input (inquiries), so nothing a draft says may become markup on a staff page.
 */
@Component
class OpsTemplates {

    private static final String LOCATION = "ops/";

    // nullValue, not defaultValue: a null renders empty, but a misspelt name fails loudly instead of rendering blank.
    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).nullValue("")
            .emptyStringIsFalse(true).withLoader(OpsTemplates::open);
    private final Map<String, OpsPage> pages = new ConcurrentHashMap<>();

    OpsPage page(String name) {
        return pages.computeIfAbsent(name, key -> {
            try (Reader source = open(key)) {
                return new OpsPage(compiler.compile(source));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read ops template " + key, e);
            }
        });
    }

    private static Reader open(String name) {
        String path = LOCATION + name + ".mustache";
        InputStream in = OpsTemplates.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Ops template " + path + " is not on the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
