package com.deskpost.ingest.brivo;

import com.deskpost.ingest.vendor.VendorIds;
import com.deskpost.ingest.vendor.VendorIndex;

/** Brivo's user ids and sites as Deskpost members and locations ({@link VendorIds}). */
final class BrivoIds extends VendorIds<BrivoProperties> {

    static final String VENDOR = "brivo";

    BrivoIds(BrivoProperties properties, VendorIndex index) {
        super(VENDOR, properties, index, properties.memberIdPrefix(), properties::locationId);
    }
}
