package com.deskpost.delivery.preferences;

import com.deskpost.platform.consent.TopicPreferences;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The preference centre ({@code deskpost.preferences}).
 *
 * @param topics the topics a member can switch on and off per location, in the page's order; a commercial mail's
 *     topic (its draft's {@code topic}) is one of them. Default community, events, promotions
 * @param linkValidity how long the preference link in a mail works after the mail was composed; default 180 days.
 *     The unsubscribe link next to it never expires
 */
@ConfigurationProperties("deskpost.preferences")
public record PreferenceProperties(List<String> topics, Duration linkValidity) {

    public PreferenceProperties {
        topics = topics == null || topics.isEmpty() ? List.of("community", "events", "promotions")
                : List.copyOf(new LinkedHashSet<>(topics.stream().map(TopicPreferences::topic).toList()));
        linkValidity = linkValidity == null ? Duration.ofDays(180) : linkValidity;
        if (linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("deskpost.preferences.link-validity must be positive, was " + linkValidity);
        }
    }
}
