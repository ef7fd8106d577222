package com.deskpost.oversight.staff;

import com.deskpost.events.Location;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.streams.GlobalStores;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.springframework.stereotype.Component;

/** Which locations a staff member may decide for: those whose approvers list names them (DESIGN §4). */
@Component
public class StaffDirectory {

    private final GlobalStores stores;

    public StaffDirectory(GlobalStores stores) {
        this.stores = stores;
    }

    public List<String> locationsOf(String memberId) {
        List<String> locations = new ArrayList<>();
        try (var all = stores.<Location>store(DirectoryTables.LOCATIONS_STORE).all()) {
            all.forEachRemaining(entry -> {
                ValueAndTimestamp<Location> location = entry.value;
                if (location != null && location.value().getApprovers().contains(memberId)) {
                    locations.add(entry.key);
                }
            });
        }
        return locations;
    }
}
