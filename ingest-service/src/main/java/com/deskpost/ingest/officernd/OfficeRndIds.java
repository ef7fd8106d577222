package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.VendorIds;
import com.deskpost.ingest.vendor.VendorIndex;

/** OfficeRnD's member and office ids as Deskpost members and locations ({@link VendorIds}). */
final class OfficeRndIds extends VendorIds<OfficeRndProperties> {

    static final String VENDOR = "officernd";

    OfficeRndIds(OfficeRndProperties properties, VendorIndex index) {
        super(VENDOR, properties, index, properties.memberIdPrefix(), properties::locationId);
    }
}
