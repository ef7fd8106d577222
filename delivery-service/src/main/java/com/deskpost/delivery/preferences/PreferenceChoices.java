package com.deskpost.delivery.preferences;

import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.delivery.contacts.ConsentRecorder;
import com.deskpost.delivery.state.LiveState;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.Location;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.consent.TopicPreferences;
import com.deskpost.platform.id.DraftIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * What a member may choose on the preference page, and saving it. The choices are the configured topics for each
 * location the address's member belongs to (the directory) and the location of the mail the link came from; a
 * topic is on unless switched off. Saving records only what changed, as the recipient's own change through the
 * preference centre, taking effect at once and announced on mail.consent. A choice the page did not offer (a
 * location the member is not at, a topic not configured) is refused, so a link cannot switch anything else off.
 */
@Component
class PreferenceChoices {

    static final String SOURCE = "preference-centre";
    static final String CHANGED_BY = "recipient";

    private final LiveState directory;
    private final ConsentStore consent;
    private final ConsentRecorder recorder;
    private final List<String> topics;

    PreferenceChoices(LiveState directory, ConsentStore consent, ConsentRecorder recorder,
            PreferenceProperties properties) {
        this.directory = directory;
        this.consent = consent;
        this.recorder = recorder;
        this.topics = properties.topics();
    }

    /** One topic at one location: {@code field} is the form's value for it, {@code <topic>@<location id>}. */
    record TopicChoice(String topic, String field, boolean on) {
    }

    record LocationChoices(String locationId, String name, List<TopicChoice> topics) {
    }

    /** @param unsubscribed the address is unsubscribed from all commercial mail: no topic arrives until it is not */
    record Choices(boolean erased, boolean unsubscribed, List<LocationChoices> locations) {
    }

    /** A form field naming a choice the page does not offer. */
    static final class NotOffered extends RuntimeException {
        NotOffered(String field) {
            super("The form named '" + field + "', which this page does not offer");
        }
    }

    Choices of(String email, String linkLocation) {
        Set<String> tags = consent.tags(email);
        List<LocationChoices> locations = new ArrayList<>();
        for (String locationId : locationsOf(email, linkLocation)) {
            List<TopicChoice> choices = topics.stream().map(topic -> new TopicChoice(topic, topic + "@" + locationId,
                    !tags.contains(TopicPreferences.offTag(topic, locationId)))).toList();
            String name = directory.directory().location(locationId).map(Location::getName).orElse(locationId);
            locations.add(new LocationChoices(locationId, name, choices));
        }
        return new Choices(tags.contains(ConsentTag.ERASED), tags.contains(ConsentTag.UNSUBSCRIBED), locations);
    }

    /**
     * Saves the page's form: each choice it showed is on when ticked, off when not.
     *
     * @return how many choices changed
     */
    int save(String email, String linkLocation, Collection<String> shown, Collection<String> ticked) {
        Set<String> offered = new HashSet<>();
        of(email, linkLocation).locations().forEach(location -> location.topics().forEach(t -> offered.add(t.field())));
        Set<String> on = new HashSet<>(ticked);
        for (String field : on) {
            if (!offered.contains(field)) {
                throw new NotOffered(field);
            }
        }
        Set<String> tags = consent.tags(email);
        Map<String, ConsentAction> changes = new TreeMap<>();
        for (String field : new LinkedHashSet<>(shown)) {
            if (!offered.contains(field)) {
                throw new NotOffered(field);
            }
            int at = field.indexOf('@');
            String tag = TopicPreferences.offTag(field.substring(0, at), field.substring(at + 1));
            boolean offNow = tags.contains(tag);
            boolean wantOff = !on.contains(field);
            if (offNow != wantOff) {
                changes.put(tag, wantOff ? ConsentAction.ADDED : ConsentAction.REMOVED);
            }
        }
        if (!changes.isEmpty()) {
            recorder.record(email, changes, SOURCE, null, CHANGED_BY);
        }
        return changes.size();
    }

    /** The link's location first, then the member's other locations in id order. */
    private Set<String> locationsOf(String email, String linkLocation) {
        Set<String> ids = new LinkedHashSet<>();
        if (linkLocation != null) {
            ids.add(linkLocation);
        }
        directory.members().stream()
                .filter(member -> member.getEmail() != null && DraftIds.normaliseEmail(member.getEmail()).equals(email))
                .flatMap(member -> member.getLocationIds().stream())
                .sorted()
                .forEach(ids::add);
        return ids;
    }
}
