package com.deskpost.oversight.ops;

import com.deskpost.events.Location;
import com.deskpost.platform.consent.Jurisdiction;
import java.util.List;

/**
 * One line of the queue page's notice: a location of the signed-in staff member whose jurisdiction the consent rule
 * does not recognise, what that means and what to set. The page shows it for as long as the directory says so.
 */
record JurisdictionNotice(String locationId, String jurisdiction, String hint) {

    static List<JurisdictionNotice> of(List<Location> locations) {
        return locations.stream().map(location -> new JurisdictionNotice(location.getLocationId(),
                Jurisdiction.quoted(location.getJurisdiction()), Jurisdiction.hint(location.getJurisdiction())))
                .toList();
    }
}
