package com.deskpost.oversight.ops;

import com.deskpost.events.DecisionAction;
import com.deskpost.oversight.decision.DecisionRequest;
import com.deskpost.oversight.decision.DecisionService;
import com.deskpost.oversight.queue.HeldDraft;
import java.security.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The decision forms of the draft page. Each becomes a {@link DecisionRequest} for the one
 * {@link DecisionService} that also serves the REST API and mail.decisions, so who may decide,
 * first-decision-wins and auditing are decided there, not here. Every post redirects to the
 * queue with a message saying what happened (post/redirect/get: a reload does not post again).
 */
@Controller
class DecisionFormsController {

    private static final Logger log = LoggerFactory.getLogger(DecisionFormsController.class);

    private final DecisionService decisions;
    private final StaffQueue queue;

    DecisionFormsController(DecisionService decisions, StaffQueue queue) {
        this.decisions = decisions;
        this.queue = queue;
    }

    @PostMapping("/ops/drafts/{draftId}/approve")
    RedirectView approve(@PathVariable String draftId, @RequestParam String decisionId, Principal principal,
            RedirectAttributes redirect) {
        return decide(new DecisionRequest(decisionId, draftId, DecisionAction.APPROVE, principal.getName(), null,
                null, null), redirect);
    }

    @PostMapping("/ops/drafts/{draftId}/reject")
    RedirectView reject(@PathVariable String draftId, @RequestParam String decisionId,
            @RequestParam(defaultValue = "") String reason, Principal principal, RedirectAttributes redirect) {
        return decide(new DecisionRequest(decisionId, draftId, DecisionAction.REJECT, principal.getName(),
                reason.strip(), null, null), redirect);
    }

    @PostMapping("/ops/drafts/{draftId}/edit")
    RedirectView edit(@PathVariable String draftId, @RequestParam String decisionId, @RequestParam String subject,
            @RequestParam String body, Principal principal, RedirectAttributes redirect) {
        Optional<HeldDraft> held = queue.find(principal.getName(), draftId);
        // The form was filled with the subject and text as held (credentials as ⟦credential n⟧); what comes back
        // unchanged means "keep the original". Placeholders kept in an edit are filled in by delivery.
        String editedSubject = changed(subject.strip(), held.map(HeldDraft::subject));
        String editedBody = changed(body.replace("\r\n", "\n"), held.map(HeldDraft::previewText));
        return decide(new DecisionRequest(decisionId, draftId, DecisionAction.EDIT_AND_APPROVE, principal.getName(),
                null, editedSubject, editedBody), redirect);
    }

    private RedirectView decide(DecisionRequest request, RedirectAttributes redirect) {
        if (request.decisionId().isBlank()) {
            return back(redirect, Flash.error("Not done: the form had no decision id. Open the draft again and "
                    + "decide from the fresh page."));
        }
        try {
            return back(redirect, DecisionMessages.of(decisions.decide(request), request.draftId(),
                    queue.find(request.decidedBy(), request.draftId())));
        } catch (IllegalArgumentException unsendable) {
            // An edit the draft cannot carry (a subject of several lines): nothing was decided, the approver can retry.
            log.warn("Edit of draft {} by {} refused", request.draftId(), request.decidedBy(), unsendable);
            return back(redirect, Flash.error("Not done: " + unsendable.getMessage() + "."));
        }
    }

    private static String changed(String submitted, Optional<String> shown) {
        return shown.filter(submitted::equals).isPresent() ? null : submitted;
    }

    private static RedirectView back(RedirectAttributes redirect, Flash flash) {
        redirect.addFlashAttribute("flash", flash);
        RedirectView queuePage = new RedirectView("/ops", true);
        queuePage.setExposeModelAttributes(false);
        return queuePage;
    }
}
