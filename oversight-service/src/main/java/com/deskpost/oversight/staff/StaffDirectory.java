package com.deskpost.oversight.staff;

import com.deskpost.events.Location;
import com.deskpost.platform.consent.Jurisdiction;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.streams.GlobalStores;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which locations a staff member may decide for: those whose approvers list names them (DESIGN §4); and which of
 * them have a jurisdiction the consent rule does not recognise, so that the people who answer for the location see
 * it (their commercial mail is judged by the strictest rule until it is set right).
 */
@Component
public class StaffDirectory {

    private final GlobalStores stores;

    public StaffDirectory(GlobalStores stores) {
        this.stores = stores;
    }

    public List<String> locationsOf(String memberId) {
        return approverOf(memberId).stream().map(Location::getLocationId).toList();
    }

    /** The staff member's locations whose jurisdiction is not recognised, by location id. */
    public List<Location> unrecognisedJurisdictionsOf(String memberId) {
        return approverOf(memberId).stream().filter(location -> !Jurisdiction.recognised(location.getJurisdiction()))
                .sorted(Comparator.comparing(Location::getLocationId)).toList();
    }

    private List<Location> approverOf(String memberId) {
        return stores.<Location>all(DirectoryTables.LOCATIONS_STORE).stream()
                .filter(location -> location.getApprovers().contains(memberId))
                .toList();
    }
}
