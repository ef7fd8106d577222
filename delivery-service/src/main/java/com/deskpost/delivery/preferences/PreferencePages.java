package com.deskpost.delivery.preferences;

import com.deskpost.delivery.preferences.PreferenceChoices.Choices;
import com.deskpost.delivery.preferences.PreferenceChoices.LocationChoices;
import com.deskpost.delivery.preferences.PreferenceChoices.TopicChoice;
import java.util.Locale;

/**
 * The HTML of the preference centre: a plain form (no JavaScript, no external resources), every value escaped,
 * the address partly masked because anyone holding the link (a forwarded mail) sees the page.
 */
final class PreferencePages {

    private PreferencePages() {
    }

    static String form(String email, Choices choices, String postPath, String formToken, boolean saved) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Your mail preferences</h1>\n<p>For ").append(escape(mask(email)))
                .append(". Choose what you want to hear about from each of your spaces.</p>\n");
        if (saved) {
            body.append("<p class=\"saved\" role=\"status\">Your choices are saved. They apply from the next mail.</p>\n");
        }
        if (choices.unsubscribed()) {
            body.append("<p class=\"note\">You are unsubscribed from all news and offers: none of the topics below is"
                    + " sent to you. The choices still apply if you subscribe again.</p>\n");
        }
        body.append("<form method=\"post\" action=\"").append(escape(postPath)).append("\">\n")
                .append("<input type=\"hidden\" name=\"form\" value=\"").append(escape(formToken)).append("\">\n");
        for (LocationChoices location : choices.locations()) {
            body.append("<fieldset>\n<legend>").append(escape(location.name())).append("</legend>\n");
            for (TopicChoice topic : location.topics()) {
                body.append("<input type=\"hidden\" name=\"shown\" value=\"").append(escape(topic.field())).append("\">\n")
                        .append("<label><input type=\"checkbox\" name=\"on\" value=\"").append(escape(topic.field()))
                        .append('"').append(topic.on() ? " checked" : "").append("> ").append(escape(label(topic.topic())))
                        .append("</label>\n");
            }
            body.append("</fieldset>\n");
        }
        if (choices.locations().isEmpty()) {
            body.append("<p>We have no spaces on record for you, so there is nothing to choose here.</p>\n");
        }
        body.append("<button type=\"submit\">Save preferences</button>\n</form>\n")
                .append("<p class=\"note\">Booking confirmations, access and security notices and invoices always arrive:"
                        + " they are about services you use. To stop all news and offers, use the unsubscribe link in"
                        + " any of our mails.</p>");
        return page("Mail preferences", body.toString());
    }

    static String invalidLink() {
        return page("Link not valid", """
                <h1>This preference link is not valid</h1>
                <p>It may have been cut short when it was copied. Open the link from the mail again, or use the
                "Manage your preferences" link at the bottom of a more recent mail from us.</p>""");
    }

    static String expired() {
        return page("Link expired", """
                <h1>This preference link has expired</h1>
                <p>Preference links work for a while after their mail was sent. Use the "Manage your preferences"
                link at the bottom of a more recent mail from us. The unsubscribe link in any of our mails still
                works.</p>""");
    }

    static String nothingHeld() {
        return page("Nothing to manage", """
                <h1>There is nothing to manage for this address</h1>
                <p>Its data was erased at its owner's request, and no mail is sent to it.</p>""");
    }

    static String formNotOurs() {
        return page("Nothing was changed", """
                <h1>Nothing was changed</h1>
                <p>The form sent did not come from this page as we showed it. Open the link from the mail again
                and save your choices there.</p>""");
    }

    static String failed() {
        return page("Please try again", """
                <h1>We could not record that just now</h1>
                <p>Nothing is wrong with your link. Please try again in a few minutes.</p>""");
    }

    /** "events" as Events, "member-offers" as Member offers. */
    static String label(String topic) {
        String words = topic.replace('-', ' ').replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    static String mask(String email) {
        return MemberPages.mask(email);
    }

    private static String escape(String text) {
        return MemberPages.escape(text);
    }

    private static String page(String title, String body) {
        return MemberPages.page(title, "\nfieldset{margin:1rem 0;border:1px solid #ccc}label{display:block;padding:.3rem 0}"
                + ".saved{background:#e8f5e9;padding:.6rem}", body);
    }
}
