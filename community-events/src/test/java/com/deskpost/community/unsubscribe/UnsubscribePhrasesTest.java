package com.deskpost.community.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which mails ask to be unsubscribed: the sender's own words, in the languages members write. */
class UnsubscribePhrasesTest {

    @ParameterizedTest(name = "subject \"{0}\"")
    @ValueSource(strings = {"unsubscribe", "UNSUBSCRIBE", "Unsubscribe me please", "Re: unsubscribe",
        "unsubscribe dGVzdEBleGFtcGxlLmNvbQ.abc123", "STOP", "Stop!", "AW: Stopp", "Please opt me out",
        "opt-out", "Remove me from your list", "abmelden", "Bitte austragen", "AW: Newsletter abbestellen",
        "Keine weiteren E-Mails", "Me désabonner", "darme de baja", "Afmelden nieuwsbrief",
        "Re: Re: Fwd: no more emails please"})
    void aSubjectThatAsksToUnsubscribeCounts(String subject) {
        assertThat(UnsubscribePhrases.asksToUnsubscribe(subject, "")).isTrue();
    }

    @ParameterizedTest(name = "body \"{0}\"")
    @ValueSource(strings = {"unsubscribe", "Hi,\nplease take me off this list.\nThanks", "STOP",
        "Hallo,\n\nbitte tragen Sie mich aus dem Verteiler aus.\n\nGruß", "Bitte abmelden!",
        "Hello\nI'd like to opt out of these mails"})
    void aBodyWhoseFirstLinesAskToUnsubscribeCounts(String body) {
        assertThat(UnsubscribePhrases.asksToUnsubscribe("Re: Summer party", body)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" / \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "Re: Summer party | Great, see you there!",
        "Re: Summer party | Will you stop by on Friday?",
        "Stop by tomorrow? | Would love to show you the new terrace",
        "Re: Summer party | Count me in!\\n\\n> To unsubscribe, use the link below\\n> Unsubscribe: https://x/u/1",
        "Re: Summer party | Count me in!\\n\\nOn Mon, 3 Mar 2025, Deskpost wrote:\\nUnsubscribe: https://x/u/1",
        "AW: Sommerfest | Bin dabei!\\n\\nAm 03.03.2025 um 10:00 schrieb Deskpost:\\nabmelden",
        "Re: booking | Can I cancel my booking for Friday?",
        "Question | a\\nb\\nc\\nd\\ne\\nunsubscribe"})
    void ordinaryRepliesAndQuotedFootersDoNotCount(String subject, String body) {
        assertThat(UnsubscribePhrases.asksToUnsubscribe(subject, body.replace("\\n", "\n"))).isFalse();
    }
}
