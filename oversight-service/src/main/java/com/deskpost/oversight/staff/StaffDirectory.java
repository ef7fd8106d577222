package com.deskpost.oversight.staff;

import com.deskpost.events.Location;
import com.deskpost.platform.consent.Jurisdiction;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.streams.GlobalStores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one answer to "who approves location X" (DESIGN §4), for decisions, the ops page, the agent API and approver
 * notices: the approvers an admin set for the location ({@link ApproverOverrides}) when set, replacing the location
 * directory's list; otherwise the directory's list. A location the directory does not know has no approvers. Also
 * which locations a staff member may decide for, and which of them have a jurisdiction the consent rule does not
 * recognise, so that the people who answer for the location see it.
 */
@Component
public class StaffDirectory {

    /** The location directory's entries as they stand now. */
    @FunctionalInterface
    public interface Locations {
        List<Location> all();
    }

    /** A location's approvers: the directory's, the admin's override (null if none), and the ones that apply. */
    public record LocationApprovers(String locationId, List<String> directory, List<String> override,
            List<String> effective) {
    }

    private final Locations locations;
    private final ApproverOverrides overrides;

    @Autowired
    public StaffDirectory(GlobalStores stores, ApproverOverrides overrides) {
        this(() -> stores.all(DirectoryTables.LOCATIONS_STORE), overrides);
    }

    public StaffDirectory(Locations locations, ApproverOverrides overrides) {
        this.locations = locations;
        this.overrides = overrides;
    }

    /** Who approves this location's held drafts now; empty for a location the directory does not know. */
    public List<String> approversOf(String locationId) {
        Optional<Location> location = location(locationId);
        if (location.isEmpty()) {
            return List.of();
        }
        return overrides.of(locationId).orElseGet(() -> List.copyOf(location.get().getApprovers()));
    }

    public boolean approves(String memberId, String locationId) {
        return approversOf(locationId).contains(memberId);
    }

    public Optional<Location> location(String locationId) {
        return locations.all().stream().filter(location -> location.getLocationId().equals(locationId)).findFirst();
    }

    public List<String> locationsOf(String memberId) {
        return approverOf(memberId).stream().map(Location::getLocationId).toList();
    }

    /** The staff member's locations whose jurisdiction is not recognised, by location id. */
    public List<Location> unrecognisedJurisdictionsOf(String memberId) {
        return approverOf(memberId).stream().filter(location -> !Jurisdiction.recognised(location.getJurisdiction()))
                .sorted(Comparator.comparing(Location::getLocationId)).toList();
    }

    /** Every location the directory knows, with its approvers, by location id. */
    public List<LocationApprovers> all() {
        Map<String, List<String>> set = overrides.all();
        List<LocationApprovers> all = new ArrayList<>();
        for (Location location : sorted()) {
            List<String> directory = List.copyOf(location.getApprovers());
            List<String> override = set.get(location.getLocationId());
            all.add(new LocationApprovers(location.getLocationId(), directory, override,
                    override == null ? directory : override));
        }
        return all;
    }

    private List<Location> approverOf(String memberId) {
        Map<String, List<String>> set = overrides.all();
        return sorted().stream()
                .filter(location -> set.getOrDefault(location.getLocationId(), location.getApprovers()).contains(memberId))
                .toList();
    }

    private List<Location> sorted() {
        return locations.all().stream().sorted(Comparator.comparing(Location::getLocationId)).toList();
    }
}
