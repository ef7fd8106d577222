package com.deskpost.oversight.templates;

import com.deskpost.platform.template.TemplateEntry;
import com.deskpost.platform.template.TemplateTags;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * What an override must be before it is activated: valid Mustache in all three parts; only the values its template's
 * composer provides (the catalogue's); every required value in both the text and the HTML part (a mail client shows
 * one of them); and HTML with nothing that runs: no scripts, frames, forms or embedded objects, no event handler
 * attributes, no {@code javascript:} links. The HTML is judged as it is sent, rendered with the sample data, against
 * jsoup's relaxed {@link Safelist} widened by the presentational attributes mail layouts use (style, align, width...),
 * element by element so the problem names the element to fix.
 */
public final class TemplateValidation {

    private static final MailSafelist MAIL_HTML = new MailSafelist();
    private static final Set<String> HEAD_TAGS = Set.of("title", "meta", "style");
    private static final Mustache.Compiler SAMPLE = Mustache.compiler().escapeHTML(true).defaultValue("")
            .emptyStringIsFalse(true);

    private TemplateValidation() {
    }

    /** A problem in one part ({@code subject}, {@code text}, {@code html}), in words staff can act on. */
    public record Problem(String part, String message) {

        @Override
        public String toString() {
            return part + ": " + message;
        }
    }

    /**
     * The HTML part as a staff page may show it inline: only what the mail safelist allows, so nothing in a
     * preview runs (the page's Content-Security-Policy forbids scripts besides).
     */
    public static String safeForPreview(String html) {
        return Jsoup.clean(html, MAIL_HTML);
    }

    /** Every problem of the three parts; empty when the override may be activated. */
    public static List<Problem> check(TemplateEntry entry, String subject, String text, String html) {
        List<Problem> problems = new ArrayList<>();
        Set<String> subjectNames = names(entry, "subject", subject, problems);
        Set<String> textNames = names(entry, "text", text, problems);
        Set<String> htmlNames = names(entry, "html", html, problems);
        for (String required : new TreeSet<>(entry.required())) {
            if (textNames != null && !textNames.contains(required)) {
                problems.add(new Problem("text", "must show {{" + required + "}}: a " + entry.name()
                        + " mail makes no sense without it"));
            }
            if (htmlNames != null && !htmlNames.contains(required)) {
                problems.add(new Problem("html", "must show {{" + required + "}}: a " + entry.name()
                        + " mail makes no sense without it"));
            }
        }
        if (subjectNames != null && subject.isBlank()) {
            problems.add(new Problem("subject", "must not be empty"));
        }
        if (htmlNames != null) {
            unsafeHtml(SAMPLE.compile(html).execute(entry.sample()), problems);
        }
        return problems;
    }

    /** The names the part uses, or null when it is no valid Mustache (the problem is added). */
    private static Set<String> names(TemplateEntry entry, String part, String source, List<Problem> problems) {
        Set<String> names;
        try {
            names = TemplateTags.names(source == null ? "" : source);
        } catch (MustacheException e) {
            problems.add(new Problem(part, "Mustache syntax error: " + e.getMessage()));
            return null;
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith(">")) {
                problems.add(new Problem(part, "{{" + name + "}}: templates cannot include other templates"));
            } else if (!entry.known().contains(name)) {
                unknown.add(name);
            }
        }
        for (String name : unknown) {
            problems.add(new Problem(part, "{{" + name + "}} is not a value of " + entry.name() + "; it has: "
                    + String.join(", ", new TreeSet<>(entry.known()))));
        }
        return names;
    }

    private static void unsafeHtml(String rendered, List<Problem> problems) {
        Document document = Jsoup.parse(rendered);
        for (Element element : document.head().children()) {
            if (!HEAD_TAGS.contains(element.normalName())) {
                problems.add(new Problem("html", "<" + element.normalName() + "> is not allowed in a mail ("
                        + excerpt(element) + ")"));
            }
        }
        for (Element element : document.body().getAllElements()) {
            String tag = element.normalName();
            if (element != document.body() && !MAIL_HTML.allowsTag(tag)) {
                problems.add(new Problem("html", "<" + tag + "> is not allowed in a mail: it could run code or"
                        + " load content (" + excerpt(element) + ")"));
                continue;
            }
            for (Attribute attribute : element.attributes()) {
                // The body's own attributes are judged as any element's.
                String judgedAs = element == document.body() ? "div" : tag;
                if (!MAIL_HTML.allowsAttribute(judgedAs, element, attribute)) {
                    problems.add(new Problem("html", "attribute " + attribute.getKey() + " on <" + tag + "> is not"
                            + " allowed" + reason(attribute) + " (" + excerpt(element) + ")"));
                }
            }
        }
    }

    private static String reason(Attribute attribute) {
        if (attribute.getKey().toLowerCase().startsWith("on")) {
            return ": event handlers run code";
        }
        if (attribute.getValue().strip().toLowerCase().startsWith("javascript:")) {
            return ": javascript: links run code";
        }
        return "";
    }

    /** The mail safelist, asked element by element (jsoup 1.16 keeps those questions to subclasses). */
    private static final class MailSafelist extends Safelist {

        MailSafelist() {
            super(Safelist.relaxed());
            addTags("center", "font", "hr", "span", "div", "section", "header", "footer");
            addAttributes(":all", "style", "class", "id", "align", "valign", "lang", "dir", "title", "width",
                    "height", "bgcolor", "border", "cellpadding", "cellspacing", "role", "color");
            addAttributes("font", "face", "size");
            addProtocols("a", "href", "http", "https", "mailto", "tel");
        }

        boolean allowsTag(String tag) {
            return isSafeTag(tag);
        }

        boolean allowsAttribute(String tag, Element element, Attribute attribute) {
            return isSafeAttribute(tag, element, attribute);
        }
    }

    private static String excerpt(Element element) {
        String html = element.outerHtml().replaceAll("\\s+", " ");
        return html.length() > 80 ? html.substring(0, 77) + "..." : html;
    }
}
