package com.deskpost.oversight.ops;

import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.staff.StaffDirectory;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The part of the approval queue one staff member may see: drafts of the locations whose
 * approvers list names them, read from the live location directory on every request, so a
 * removed approver loses the view at once. A draft of another location is treated as unknown.
 */
@Component
class StaffQueue {

    static final int RECENT_DECISIONS = 20;

    private final HoldQueue queue;
    private final StaffDirectory staff;

    StaffQueue(HoldQueue queue, StaffDirectory staff) {
        this.queue = queue;
        this.staff = staff;
    }

    List<String> locationsOf(String memberId) {
        return staff.locationsOf(memberId).stream().sorted().toList();
    }

    /** The member's locations whose jurisdiction the consent rule does not recognise. */
    List<JurisdictionNotice> unrecognisedJurisdictions(String memberId) {
        return JurisdictionNotice.of(staff.unrecognisedJurisdictionsOf(memberId));
    }

    List<HeldDraft> pending(List<String> locations) {
        return locations.isEmpty() ? List.of() : queue.pending(locations);
    }

    List<HeldDraft> recentlyDecided(List<String> locations) {
        return locations.isEmpty() ? List.of() : queue.recentlyDecided(locations, RECENT_DECISIONS);
    }

    Optional<HeldDraft> find(String memberId, String draftId) {
        return queue.find(draftId).filter(held -> staff.locationsOf(memberId).contains(held.locationId()));
    }
}
