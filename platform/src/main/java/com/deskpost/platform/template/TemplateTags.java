package com.deskpost.platform.template;

import com.samskivert.mustache.Mustache;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a Mustache template uses: its variables and the names of its sections (normal and inverted), read
 * from jmustache's own parse (so what the renderer accepts is what is checked). {@code .}, the current list item, is
 * no name. Partials ({@code {{> x}}}) are not part of Deskpost's templates and are reported as {@code >x}.
 */
public final class TemplateTags {

    private TemplateTags() {
    }

    /** @throws com.samskivert.mustache.MustacheParseException when {@code source} is not valid Mustache */
    public static Set<String> names(String source) {
        Set<String> names = new TreeSet<>();
        Mustache.compiler().compile(source).visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                names.add(">" + name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                add(name);
                return true;
            }

            private void add(String name) {
                if (!name.equals(".") && !name.equals("this")) {
                    names.add(name);
                }
            }
        });
        return names;
    }
}
