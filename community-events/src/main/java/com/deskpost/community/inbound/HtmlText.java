package com.deskpost.community.inbound;

import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of an HTML-only mail, for triage: block ends become line breaks, tags and scripts go,
 * entities are decoded. Good enough to read an unsubscribe request or an inquiry; nothing renders it.
 */
final class HtmlText {

    private static final Pattern SCRIPTS = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern BREAKS = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    private HtmlText() {
    }

    static String of(String html) {
        String text = SCRIPTS.matcher(html).replaceAll("");
        text = BREAKS.matcher(text).replaceAll("\n");
        text = TAGS.matcher(text).replaceAll("");
        return HtmlUtils.htmlUnescape(text).replaceAll("[ \\t]+\\n", "\n").strip();
    }
}
