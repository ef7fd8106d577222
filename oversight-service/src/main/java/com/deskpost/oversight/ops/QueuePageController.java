package com.deskpost.oversight.ops;

import com.deskpost.oversight.queue.HeldDraft;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The queue of the signed-in staff member's locations, recent decisions, and one draft with its
 * decision forms. Above the queue, a notice of the member's locations whose jurisdiction the consent
 * rule does not recognise. The principal's name is the staff member's id (the security configuration's
 * staff accounts), the id the locations' approvers lists use.
 */
@Controller
class QueuePageController {

    private final StaffQueue queue;
    private final OpsTemplates templates;
    private final Clock clock = Clock.systemUTC();

    QueuePageController(StaffQueue queue, OpsTemplates templates) {
        this.queue = queue;
        this.templates = templates;
    }

    @GetMapping({"/ops", "/ops/"})
    ModelAndView queue(Principal principal) {
        String member = principal.getName();
        List<String> locations = queue.locationsOf(member);
        Instant now = clock.instant();
        List<DraftView> pending = queue.pending(locations).stream().map(held -> DraftView.of(held, now)).toList();
        List<DraftView> recent = queue.recentlyDecided(locations).stream().map(held -> DraftView.of(held, now))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Approval queue");
        model.put("member", member);
        model.put("locations", String.join(", ", locations));
        model.put("approver", !locations.isEmpty());
        List<JurisdictionNotice> unrecognised = queue.unrecognisedJurisdictions(member);
        model.put("unrecognisedJurisdictions", unrecognised);
        model.put("hasUnrecognisedJurisdictions", !unrecognised.isEmpty());
        model.put("pending", pending);
        model.put("pendingCount", pending.size());
        model.put("hasPending", !pending.isEmpty());
        model.put("recent", recent);
        model.put("hasRecent", !recent.isEmpty());
        return new ModelAndView(templates.page("queue"), model);
    }

    @GetMapping("/ops/drafts/{draftId}")
    ModelAndView draft(@PathVariable String draftId, Principal principal) {
        String member = principal.getName();
        Optional<HeldDraft> held = queue.find(member, draftId);
        if (held.isEmpty()) {
            // The same answer for "no such draft" and "not your location": the page confirms nothing about other locations.
            ModelAndView notFound = new ModelAndView(templates.page("not-found"),
                    Map.of("title", "Not in your queue", "member", member, "draftId", draftId));
            notFound.setStatus(HttpStatus.NOT_FOUND);
            return notFound;
        }
        DraftView draft = DraftView.of(held.get(), clock.instant());
        return new ModelAndView(templates.page("draft"),
                Map.of("title", draft.subject(), "member", member, "draft", draft, "decision", DecisionIds.fresh()));
    }

    /**
     * A new decision id for each form on each rendering: submitting one form twice (a double
     * click, a resent POST) repeats one decision, which is idempotent, instead of making two.
     */
    record DecisionIds(String approve, String reject, String edit) {

        static DecisionIds fresh() {
            return new DecisionIds(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
        }
    }
}
