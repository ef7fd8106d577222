package com.deskpost.delivery.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.delivery.preferences.PreferenceChoices.Choices;
import com.deskpost.delivery.preferences.PreferenceChoices.LocationChoices;
import com.deskpost.delivery.preferences.PreferenceChoices.TopicChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preference page is a plain form: every choice shown and ticked as stored, every value escaped. */
class PreferencePagesTest {

    @Test
    void eachLocationShowsEachTopicTickedUnlessSwitchedOff() {
        Choices choices = new Choices(false, false, List.of(new LocationChoices("NYC", "Flatiron", List.of(
                new TopicChoice("community", "community@NYC", true), new TopicChoice("events", "events@NYC", false)))));

        String page = PreferencePages.form("ada@example.com", choices, "/preferences/abc.def", "f0rm", false);

        assertThat(page).contains("<form method=\"post\" action=\"/preferences/abc.def\">",
                "<input type=\"hidden\" name=\"form\" value=\"f0rm\">", "<legend>Flatiron</legend>",
                "<input type=\"hidden\" name=\"shown\" value=\"events@NYC\">",
                "<input type=\"checkbox\" name=\"on\" value=\"community@NYC\" checked> Community</label>",
                "<input type=\"checkbox\" name=\"on\" value=\"events@NYC\"> Events</label>", "a***@example.com")
                .doesNotContain("ada@example.com", "<script", "Your choices are saved");
        assertThat(PreferencePages.form("ada@example.com", choices, "/p", "f", true)).contains("Your choices are saved");
    }

    @Test
    void markupInALocationNameOrTheAddressIsEscaped() {
        Choices choices = new Choices(false, true, List.of(new LocationChoices("X\"><script>", "<b>Soho</b>",
                List.of(new TopicChoice("events", "events@X\"><script>", true)))));

        String page = PreferencePages.form("<i>@x.example", choices, "/preferences/\"><script>", "f", false);

        assertThat(page).doesNotContain("<b>Soho", "<script>", "<i>@")
                .contains("&lt;b&gt;Soho&lt;/b&gt;", "value=\"events@X&quot;&gt;&lt;script&gt;\"",
                        "You are unsubscribed from all news and offers");
    }

    @Test
    void topicsReadAsWords() {
        assertThat(PreferencePages.label("events")).isEqualTo("Events");
        assertThat(PreferencePages.label("member-offers")).isEqualTo("Member offers");
    }
}
