package com.deskpost.delivery.unsubscribe;

import com.deskpost.delivery.preferences.MemberPages;

/**
 * The HTML a member sees after following an unsubscribe link. Every value is escaped, and the
 * address is shown partly masked: the page is reachable by anyone holding the link, a forwarded
 * mail for instance, and need not spell the address out to them.
 */
final class UnsubscribePages {

    private UnsubscribePages() {
    }

    /** The page a GET shows: a button, because mail scanners follow links and must not unsubscribe anyone. */
    static String confirm(String email, String postPath) {
        return confirm(email, postPath, null);
    }

    /** @param preferencesPath the member's preference page, offered instead of unsubscribing from everything */
    static String confirm(String email, String postPath, String preferencesPath) {
        String instead = preferencesPath == null ? "" : """

                <p>Rather hear about some things only? <a href="%s">Manage your preferences</a>: choose topics for
                each of your spaces.</p>""".formatted(escape(preferencesPath));
        return page("Unsubscribe", """
                <h1>Unsubscribe from Deskpost news?</h1>
                <p>%s will no longer receive announcements and offers from us.</p>
                <form method="post" action="%s">
                  <input type="hidden" name="List-Unsubscribe" value="One-Click">
                  <button type="submit">Unsubscribe</button>
                </form>%s
                <p class="note">Booking confirmations, access and security notices and invoices still arrive:
                they are about services you use.</p>""".formatted(escape(mask(email)), escape(postPath), instead));
    }

    static String unsubscribed(String email) {
        return page("Unsubscribed", """
                <h1>You are unsubscribed</h1>
                <p>%s will receive no more announcements or offers from us, starting now.</p>
                <p class="note">Booking confirmations, access and security notices and invoices still arrive.</p>"""
                .formatted(escape(mask(email))));
    }

    static String invalidLink() {
        return page("Link not valid", """
                <h1>This unsubscribe link is not valid</h1>
                <p>It may have been cut short when it was copied. Open the link from the mail again, or use the
                unsubscribe link at the bottom of a more recent mail from us.</p>""");
    }

    static String notOneClick() {
        return page("Unsubscribe", """
                <h1>Nothing was changed</h1>
                <p>This address expects the one-click unsubscribe request of RFC 8058
                (a POST with List-Unsubscribe=One-Click). Open the link from the mail and press the button.</p>""");
    }

    static String failed() {
        return page("Please try again", """
                <h1>We could not record that just now</h1>
                <p>Nothing is wrong with your link. Please try again in a few minutes.</p>""");
    }

    /** {@code ada@example.com} as {@code a***@example.com}. */
    static String mask(String email) {
        return MemberPages.mask(email);
    }

    private static String escape(String text) {
        return MemberPages.escape(text);
    }

    private static String page(String title, String body) {
        return MemberPages.page(title, "", body);
    }
}
