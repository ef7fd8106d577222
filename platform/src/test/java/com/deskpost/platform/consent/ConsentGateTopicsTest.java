package com.deskpost.platform.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.EmailCategory;
import com.deskpost.platform.consent.ConsentGate.ComplaintStops;
import com.deskpost.platform.consent.TopicPreferences.TopicAtLocation;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Topic choices from the preference centre, per location, on top of the consent rule. */
class ConsentGateTopicsTest {

    private static final Set<String> EVENTS_OFF_IN_LONDON = Set.of(TopicPreferences.offTag("events", "LDN"));

    @Test
    void aTopicSwitchedOffForALocationStopsThatTopicsCommercialMailAboutThatLocationOnly() {
        // Given a member who switched events off for London
        // Then events mail about London is stopped, under its own rule key
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", EVENTS_OFF_IN_LONDON,
                ComplaintStops.COMMERCIAL, "events", "LDN")).hasValueSatisfying(rule -> {
                    assertThat(rule).contains("events", "LDN");
                    assertThat(ConsentGate.ruleKey(rule)).isEqualTo("topic_off");
                });
        // And the topic's name is matched whatever its case
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", EVENTS_OFF_IN_LONDON,
                ComplaintStops.COMMERCIAL, " Events ", "LDN")).isPresent();
        // But other topics about London, events about Berlin, and mail of no topic still go
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", EVENTS_OFF_IN_LONDON,
                ComplaintStops.COMMERCIAL, "community", "LDN")).isEmpty();
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", EVENTS_OFF_IN_LONDON,
                ComplaintStops.COMMERCIAL, "events", "BER")).isEmpty();
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", EVENTS_OFF_IN_LONDON,
                ComplaintStops.COMMERCIAL, null, "LDN")).isEmpty();
    }

    @Test
    void topicChoicesNeverStopTransactionalOrSecurityMail() {
        for (EmailCategory category : new EmailCategory[] {EmailCategory.TRANSACTIONAL, EmailCategory.SECURITY}) {
            assertThat(ConsentGate.suppressedBy(category, "US", EVENTS_OFF_IN_LONDON, ComplaintStops.COMMERCIAL,
                    "events", "LDN")).as("%s", category).isEmpty();
        }
    }

    @Test
    void theConsentRuleComesFirstSoATopicThatIsOnDoesNotOverrideAnUnsubscribeOrAMissingOptIn() {
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "US", Set.of(ConsentTag.UNSUBSCRIBED),
                ComplaintStops.COMMERCIAL, "community", "LDN")).get().asString().contains("unsubscribed");
        assertThat(ConsentGate.suppressedBy(EmailCategory.COMMERCIAL, "EU", Set.of(),
                ComplaintStops.COMMERCIAL, "community", "BER")).get().asString().contains("opt-in");
    }

    @Test
    void aTopicTagNamesItsTopicAndLocationAndNothingElseParsesAsOne() {
        assertThat(TopicPreferences.offTag("Events", "NYC-1")).isEqualTo("topic_off:events@NYC-1");
        assertThat(TopicPreferences.parse("topic_off:events@NYC-1")).contains(new TopicAtLocation("events", "NYC-1"));
        // A location id may itself hold an @: the topic ends at the first one
        assertThat(TopicPreferences.parse("topic_off:events@site@x")).contains(new TopicAtLocation("events", "site@x"));
        assertThat(TopicPreferences.parse("unsubscribed")).isEmpty();
        assertThat(TopicPreferences.parse("topic_off:events")).isEmpty();
        assertThat(TopicPreferences.parse("topic_off:@LDN")).isEmpty();
        assertThat(TopicPreferences.parse("topic_off:Bad Topic@LDN")).isEmpty();
        assertThatThrownBy(() -> TopicPreferences.offTag("no spaces", "LDN")).hasMessageContaining("not a topic name");
        assertThatThrownBy(() -> TopicPreferences.offTag("events", " ")).hasMessageContaining("location id");
    }
}
