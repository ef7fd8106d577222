package com.deskpost.community.announcement;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.consent.TopicPreferences;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An announcement's topic, and the members who switched it off for a location of its audience. */
class AudienceTopicsTest {

    private static final Location LONDON = aLocation("LDN").jurisdiction("US").build();
    private static final Location BERLIN = aLocation("BER").jurisdiction("US").build();
    private static final Function<String, Optional<Location>> DIRECTORY =
            id -> Optional.ofNullable(Map.of("LDN", LONDON, "BER", BERLIN).get(id));

    @Test
    void anAnnouncementsTopicIsTheOneItNamesElseCommunityOrPromotionsByItsKind() {
        assertThat(AnnouncementDrafts.topic(announcement(AnnouncementKind.COMMUNITY, null, "LDN"))).isEqualTo("community");
        assertThat(AnnouncementDrafts.topic(announcement(AnnouncementKind.PROMOTIONAL, null, "LDN")))
                .isEqualTo("promotions");
        assertThat(AnnouncementDrafts.topic(announcement(AnnouncementKind.COMMUNITY, " Events", "LDN")))
                .isEqualTo("events");
    }

    @Test
    void aMemberWhoSwitchedTheTopicOffForTheLocationIsWithheldAndOtherTopicsStillReachThem() {
        // Given a London member who switched events off for London
        Member member = aMember("M-1").at("LDN").build();
        Set<String> tags = Set.of(TopicPreferences.offTag("events", "LDN"));

        // Then an events announcement for London is withheld, naming the topic rule
        assertThat(Audience.judge(announcement(AnnouncementKind.COMMUNITY, "events", "LDN"), member, DIRECTORY, tags))
                .isInstanceOfSatisfying(Audience.Withheld.class, withheld ->
                        assertThat(withheld.rule()).contains("events"));
        // And community news for London still reaches them
        assertThat(Audience.judge(announcement(AnnouncementKind.COMMUNITY, null, "LDN"), member, DIRECTORY, tags))
                .isEqualTo(new Audience.Addressed(LONDON));
    }

    @Test
    void aMemberOfTwoLocationsGetsTheTopicAboutTheLocationTheyKeptItFor() {
        // Given a member of London and Berlin who switched events off for London only
        Member member = aMember("M-2").at("LDN", "BER").build();
        Set<String> tags = Set.of(TopicPreferences.offTag("events", "LDN"));

        // Then events for both locations reach them about Berlin
        assertThat(Audience.judge(announcement(AnnouncementKind.COMMUNITY, "events", "LDN", "BER"), member, DIRECTORY,
                tags)).isEqualTo(new Audience.Addressed(BERLIN));
    }

    private static AnnouncementRequested announcement(AnnouncementKind kind, String topic, String... locations) {
        return AnnouncementRequested.newBuilder().setAnnouncementId("A-1").setLocationIds(List.of(locations))
                .setKind(kind).setTopic(topic).setSubject("Rooftop drinks").setBodyText("Friday at six.")
                .setRequestedBy("M-STAFF").build();
    }
}
