package com.deskpost.oversight.staff;

import com.deskpost.events.Location;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.streams.GlobalStores;
import java.util.List;
import org.springframework.stereotype.Component;

/** Which locations a staff member may decide for: those whose approvers list names them (DESIGN §4). */
@Component
public class StaffDirectory {

    private final GlobalStores stores;

    public StaffDirectory(GlobalStores stores) {
        this.stores = stores;
    }

    public List<String> locationsOf(String memberId) {
        return stores.<Location>all(DirectoryTables.LOCATIONS_STORE).stream()
                .filter(location -> location.getApprovers().contains(memberId))
                .map(Location::getLocationId)
                .toList();
    }
}
