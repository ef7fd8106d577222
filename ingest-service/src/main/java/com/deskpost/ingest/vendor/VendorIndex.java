package com.deskpost.ingest.vendor;

import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.id.DraftIds;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Deskpost member or location a vendor's id names, as the directory says: every member and location on
 * facility.members and facility.locations, by the {@code external_ids} the directory sync of each vendor writes
 * ({@code {"nexudus": "1234"}}), and members also by email. A later directory entry replaces the earlier one's ids;
 * a tombstone removes them.
 *
 * <p>An adapter asks {@link #member} and {@link #location}: the vendor's id first, then (members) the email the
 * vendor gave, then the vendor's id with the operator's prefix, so an event for a member the directory does not know
 * yet still reaches the composers, which wait for the directory ({@code deskpost.directory.grace}) and dead-letter it
 * with the reason if the member never appears.
 */
public final class VendorIndex {

    /** vendor + '\u0000' + vendor id to Deskpost member id. */
    private final Map<String, String> members = new HashMap<>();
    private final Map<String, String> memberByEmail = new HashMap<>();
    private final Map<String, String> locations = new HashMap<>();
    /** What each entry put in, so a replacement or tombstone takes exactly that out. */
    private final Map<String, Member> memberEntries = new HashMap<>();
    private final Map<String, Location> locationEntries = new HashMap<>();

    /** A facility.members record: {@code member} null for a tombstone. */
    public synchronized void member(String memberId, Member member) {
        Member previous = memberEntries.remove(memberId);
        if (previous != null) {
            previous.getExternalIds().forEach((vendor, id) -> members.remove(key(vendor, id), memberId));
            memberByEmail.remove(DraftIds.normaliseEmail(previous.getEmail()), memberId);
        }
        if (member != null) {
            memberEntries.put(memberId, member);
            member.getExternalIds().forEach((vendor, id) -> members.put(key(vendor, id), memberId));
            memberByEmail.put(DraftIds.normaliseEmail(member.getEmail()), memberId);
        }
    }

    /** A facility.locations record: {@code location} null for a tombstone. */
    public synchronized void location(String locationId, Location location) {
        Location previous = locationEntries.remove(locationId);
        if (previous != null) {
            previous.getExternalIds().forEach((vendor, id) -> locations.remove(key(vendor, id), locationId));
        }
        if (location != null) {
            locationEntries.put(locationId, location);
            location.getExternalIds().forEach((vendor, id) -> locations.put(key(vendor, id), locationId));
        }
    }

    public synchronized Optional<String> memberOf(String vendor, String vendorId) {
        return Optional.ofNullable(members.get(key(vendor, vendorId)));
    }

    public synchronized Optional<String> memberByEmail(String email) {
        return Optional.ofNullable(memberByEmail.get(DraftIds.normaliseEmail(email)));
    }

    public synchronized Optional<String> locationOf(String vendor, String vendorId) {
        return Optional.ofNullable(locations.get(key(vendor, vendorId)));
    }

    /**
     * The Deskpost member a vendor's member is: by the vendor's id, else by {@code email} (may be null), else
     * {@code fallbackPrefix + vendorId}.
     */
    public Optional<String> member(String vendor, String vendorId, String email) {
        return memberOf(vendor, vendorId).or(() -> email == null || email.isBlank() ? Optional.empty()
                : memberByEmail(email));
    }

    public String member(String vendor, String vendorId, String email, String fallbackPrefix) {
        return member(vendor, vendorId, email).orElse(fallbackPrefix + vendorId);
    }

    /** The Deskpost location a vendor's location (office, space, site) is, else {@code fallback}. */
    public String location(String vendor, String vendorId, String fallback) {
        return locationOf(vendor, vendorId).orElse(fallback);
    }

    /**
     * The vendor ids the directory's entry for {@code memberId} carries (empty for a member it does not list), so a
     * vendor's directory sync adds its own id to them rather than dropping another vendor's.
     */
    public synchronized Map<String, String> memberExternalIds(String memberId) {
        Member entry = memberEntries.get(memberId);
        return entry == null ? Map.of() : Map.copyOf(entry.getExternalIds());
    }

    public synchronized int size() {
        return memberEntries.size() + locationEntries.size();
    }

    private static String key(String vendor, String id) {
        return vendor.toLowerCase(Locale.ROOT) + '\u0000' + id;
    }
}
