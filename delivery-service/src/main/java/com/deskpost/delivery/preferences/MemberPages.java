package com.deskpost.delivery.preferences;

import org.springframework.web.util.HtmlUtils;

/**
 * The frame of the small pages a member reaches from a link in a mail (one-click unsubscribe, preference centre):
 * plain HTML without scripts, not indexed, the address shown masked. Written by hand because the pages are three
 * paragraphs and a form: a template engine would be the larger part.
 */
public final class MemberPages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;"
            + "padding:0 1rem;color:#222}\nbutton{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}"
            + ".note{color:#666;font-size:.9rem}";

    private MemberPages() {
    }

    /** {@code ada@example.com} as {@code a***@example.com}. */
    public static String mask(String email) {
        int at = email.lastIndexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    public static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    /**
     * @param title the page's title, escaped here
     * @param moreStyle CSS rules of this page besides the shared ones
     * @param body the page's body, already escaped HTML
     */
    public static String page(String title, String moreStyle, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s</title>
                <style>%s%s</style>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(escape(title), STYLE, moreStyle, body);
    }
}
