package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.VendorIndex;

/**
 * The Deskpost member and location an OfficeRnD member or office id names, as the directory says: the entry whose
 * {@code external_ids} carry {@code {"officernd": <id>}} (what OfficeRnD's own member and office webhooks write), else
 * (members) the entry with the email OfficeRnD gave, else the configured mapping ({@code member-id-prefix},
 * {@code location-ids}) or OfficeRnD's id itself, so an event for a member the directory lacks still reaches the
 * composers, which wait for the directory and dead-letter it with the reason if the member never appears.
 */
final class OfficeRndIds {

    static final String VENDOR = "officernd";

    private final OfficeRndProperties properties;
    private final VendorIndex index;

    OfficeRndIds(OfficeRndProperties properties, VendorIndex index) {
        this.properties = properties;
        this.index = index;
    }

    /** @param email the member's email where the event carries it, else null */
    String member(String officeRndMemberId, String email) {
        return index.member(VENDOR, officeRndMemberId, email, properties.memberIdPrefix());
    }

    /**
     * The member a directory sync writes: the entry already holding this OfficeRnD id, else prefix + id. Not found by
     * email: that entry may carry other vendors' ids, which this sync (knowing only OfficeRnD's) would drop.
     */
    String directoryMember(String officeRndMemberId) {
        return index.memberOf(VENDOR, officeRndMemberId)
                .orElse(properties.memberIdPrefix() + officeRndMemberId);
    }

    String location(String officeId) {
        return index.location(VENDOR, officeId, properties.locationId(officeId));
    }

    OfficeRndProperties properties() {
        return properties;
    }
}
