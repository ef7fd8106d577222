package com.deskpost.platform.consent;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A member's topic choices from the preference centre, carried as ordinary consent tags so every consent
 * store (delivery's consent_tags, community-events' consent table) holds them unchanged: a topic switched
 * off for a location is the tag {@code topic_off:<topic>@<location id>} (ADDED = off, REMOVED = on again).
 * A topic is on unless switched off, so a member who never visited the page gets every topic. The choice is
 * per location because a member of two spaces may want one's events and not the other's.
 */
public final class TopicPreferences {

    /** Every topic tag starts with this. */
    public static final String PREFIX = "topic_off:";
    /** A topic name: what {@code deskpost.preferences.topics} and a draft's topic may hold. */
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private TopicPreferences() {
    }

    /** One topic of one location, as a tag names it. */
    public record TopicAtLocation(String topic, String locationId) {
    }

    /** The tag that switches {@code topic} off for {@code locationId}. */
    public static String offTag(String topic, String locationId) {
        String name = topic(topic);
        if (locationId == null || locationId.isBlank() || locationId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A topic choice needs a location id, not '" + locationId + "'");
        }
        return PREFIX + name + "@" + locationId;
    }

    /** The topic and location a tag switches off, if it is a topic tag. */
    public static Optional<TopicAtLocation> parse(String tag) {
        if (tag == null || !tag.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = tag.substring(PREFIX.length());
        int at = rest.indexOf('@');
        if (at <= 0 || at == rest.length() - 1 || !TOPIC.matcher(rest.substring(0, at)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TopicAtLocation(rest.substring(0, at), rest.substring(at + 1)));
    }

    /** A topic name checked and lower-cased: letters, digits, - and _, at most 40, starting with a letter or digit. */
    public static String topic(String topic) {
        String name = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
        if (!TOPIC.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + topic + "' is not a topic name: lower-case letters, digits, - and _,"
                    + " at most 40, e.g. events");
        }
        return name;
    }
}
