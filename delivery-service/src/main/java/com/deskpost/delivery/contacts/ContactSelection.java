package com.deskpost.delivery.contacts;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.id.DraftIds;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * manage_contacts' selection, from the member and location directories as they are now: contacts
 * carrying a tag, members with a location in a jurisdiction, or, given both, members in the
 * jurisdiction who carry the tag. Jurisdictions compare without regard to case ("us-ca" is US-CA).
 */
final class ContactSelection {

    /** What the directories say about one address. */
    private record Membership(Set<String> memberIds, Set<String> locationIds, Set<String> jurisdictions) {
    }

    private final Map<String, Membership> byEmail = new TreeMap<>();

    ContactSelection(Collection<Member> members, Collection<Location> locations) {
        Map<String, String> jurisdictionOf = locations.stream().collect(Collectors.toMap(
                Location::getLocationId, location -> location.getJurisdiction().toUpperCase(Locale.ROOT),
                (first, second) -> second));
        for (Member member : members) {
            Membership membership = byEmail.computeIfAbsent(DraftIds.normaliseEmail(member.getEmail()),
                    email -> new Membership(new TreeSet<>(), new TreeSet<>(), new TreeSet<>()));
            membership.memberIds().add(member.getMemberId());
            for (String locationId : member.getLocationIds()) {
                membership.locationIds().add(locationId);
                if (jurisdictionOf.containsKey(locationId)) {
                    membership.jurisdictions().add(jurisdictionOf.get(locationId));
                }
            }
        }
    }

    /**
     * Addresses matching the filters, in address order.
     *
     * @param tagged addresses carrying the tag asked for, or null when no tag was asked for
     * @param jurisdiction jurisdiction asked for, or null
     */
    List<String> emails(Set<String> tagged, String jurisdiction) {
        Set<String> selected = new TreeSet<>(tagged != null ? tagged : byEmail.keySet());
        if (jurisdiction != null) {
            String wanted = jurisdiction.toUpperCase(Locale.ROOT);
            selected.removeIf(email -> !byEmail.containsKey(email)
                    || !byEmail.get(email).jurisdictions().contains(wanted));
        }
        return List.copyOf(selected);
    }

    Contact contact(String email, Collection<String> tags) {
        Membership membership = byEmail.getOrDefault(email, new Membership(Set.of(), Set.of(), Set.of()));
        return new Contact(email, sorted(membership.memberIds()), sorted(membership.locationIds()),
                sorted(membership.jurisdictions()), sorted(new HashSet<>(tags)));
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
