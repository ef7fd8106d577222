package com.deskpost.oversight.notify;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.oversight.queue.StaffText;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.platform.directory.Directory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads what a notice needs: the draft if it is still waiting (a decided draft is announced to nobody), its location,
 * and the location's approvers with their addresses. Approvers are those the one lookup names
 * ({@link StaffDirectory#approversOf}: an admin's list for the location, else the directory's); an agent
 * ({@code agent:<id>}) or a member the directory does not know (or without an address) gets no mail.
 */
@Component
public class HeldDraftNotices {

    /** A held draft still waiting for a decision, with what notices say about it. */
    record Pending(HeldDraft held, EmailDraft draft, Location location, Notice notice) {
    }

    /** An approver who can be mailed. */
    record Approver(String memberId, String email) {
    }

    private final HoldQueue queue;
    private final Resolutions resolutions;
    private final Directory directory;
    private final StaffDirectory approvers;
    private final String opsBaseUrl;

    public HeldDraftNotices(HoldQueue queue, Resolutions resolutions, Directory directory, StaffDirectory approvers,
            @Value("${deskpost.oversight.ops-base-url:http://localhost:8084}") String opsBaseUrl) {
        this.queue = queue;
        this.resolutions = resolutions;
        this.directory = directory;
        this.approvers = approvers;
        this.opsBaseUrl = opsBaseUrl.replaceAll("/+$", "");
    }

    Optional<Pending> pending(String draftId) {
        return queue.find(draftId).filter(held -> held.status() == Status.PENDING).flatMap(held -> directory
                .location(held.locationId()).map(location -> {
                    EmailDraft draft = resolutions.draftOf(held);
                    return new Pending(held, draft, location, new Notice(held.draftId(), location.getName(),
                            draft.getEventType(), StaffText.of(held.subject()), held.reason(), held.expiresAt(),
                            linkTo(held.draftId())));
                }));
    }

    List<Approver> approversOf(Location location) {
        return approvers.approversOf(location.getLocationId()).stream().filter(memberId -> !memberId.startsWith("agent:"))
                .flatMap(memberId -> emailOf(memberId).map(email -> new Approver(memberId, email)).stream())
                .toList();
    }

    Optional<String> emailOf(String memberId) {
        return directory.member(memberId).map(Member::getEmail).filter(email -> !email.isBlank());
    }

    String linkTo(String draftId) {
        return opsBaseUrl + "/ops/drafts/" + URLEncoder.encode(draftId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
