package com.deskpost.ingest.vendor;

import java.util.function.UnaryOperator;

/**
 * The Deskpost member and location one vendor's ids name, as the directory says: the entry whose {@code external_ids}
 * carry {@code {"<vendor>": <id>}} (what the vendor's own directory sync writes), else (members) the entry with the
 * email the vendor gave, else the operator's mapping (member-id prefix, location-ids) or the vendor's id itself, so an
 * event for a member the directory lacks still reaches the composers, which wait for the directory and dead-letter it
 * with the reason if the member never appears.
 *
 * @param <P> the vendor's settings
 */
public class VendorIds<P> {

    private final String vendor;
    private final P properties;
    private final VendorIndex index;
    private final String memberIdPrefix;
    private final UnaryOperator<String> locationIds;

    /** @param locationIds the operator's mapping of the vendor's location id, the id itself where none is set */
    protected VendorIds(String vendor, P properties, VendorIndex index, String memberIdPrefix,
            UnaryOperator<String> locationIds) {
        this.vendor = vendor;
        this.properties = properties;
        this.index = index;
        this.memberIdPrefix = memberIdPrefix;
        this.locationIds = locationIds;
    }

    /** @param email the member's email where the event carries it, else null */
    public String member(String vendorMemberId, String email) {
        return index.member(vendor, vendorMemberId, email, memberIdPrefix);
    }

    /**
     * The member a directory sync writes: the entry already holding this vendor id, else prefix + id. Not found by
     * email: that entry may carry other vendors' ids, which this sync (knowing only its own vendor's) would drop.
     */
    public String directoryMember(String vendorMemberId) {
        return index.memberOf(vendor, vendorMemberId).orElse(memberIdPrefix + vendorMemberId);
    }

    public String location(String vendorLocationId) {
        return index.location(vendor, vendorLocationId, locationIds.apply(vendorLocationId));
    }

    public P properties() {
        return properties;
    }
}
