package com.deskpost.ingest.cobot;

import com.deskpost.ingest.vendor.VendorIndex;

/**
 * The Deskpost member and location a Cobot membership id or space names, as the directory says: the entry whose
 * {@code external_ids} carry {@code {"cobot": <id>}} (what Cobot's membership webhooks write), else (members) the
 * entry with the membership's email, else the configured mapping or Cobot's id, so an event for a member the directory
 * lacks still reaches the composers, which wait for the directory and dead-letter it with the reason.
 */
final class CobotIds {

    static final String VENDOR = "cobot";

    private final CobotProperties properties;
    private final VendorIndex index;

    CobotIds(CobotProperties properties, VendorIndex index) {
        this.properties = properties;
        this.index = index;
    }

    String member(String membershipId, String email) {
        return index.member(VENDOR, membershipId, email, properties.memberIdPrefix());
    }

    /** The member a membership webhook writes: the entry holding this Cobot id (not found by email: see OfficeRnD). */
    String directoryMember(String membershipId) {
        return index.memberOf(VENDOR, membershipId).orElse(properties.memberIdPrefix() + membershipId);
    }

    String location(String space) {
        return index.location(VENDOR, space, properties.locationId(space));
    }

    CobotProperties properties() {
        return properties;
    }
}
