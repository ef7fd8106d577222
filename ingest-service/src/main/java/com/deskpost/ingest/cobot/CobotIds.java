package com.deskpost.ingest.cobot;

import com.deskpost.ingest.vendor.VendorIds;
import com.deskpost.ingest.vendor.VendorIndex;

/** Cobot's membership ids and spaces as Deskpost members and locations ({@link VendorIds}). */
final class CobotIds extends VendorIds<CobotProperties> {

    static final String VENDOR = "cobot";

    CobotIds(CobotProperties properties, VendorIndex index) {
        super(VENDOR, properties, index, properties.memberIdPrefix(), properties::locationId);
    }
}
