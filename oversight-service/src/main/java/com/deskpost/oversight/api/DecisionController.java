package com.deskpost.oversight.api;

import com.deskpost.events.DecisionAction;
import com.deskpost.oversight.decision.DecisionRequest;
import com.deskpost.oversight.decision.DecisionResult;
import com.deskpost.oversight.decision.DecisionService;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.staff.StaffDirectory;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision API: list_pending, get, decide. The caller's identity is the signed-in staff
 * member; they see and decide only drafts of locations whose approvers name them.
 */
@RestController
@RequestMapping("/api/v1/pending")
class DecisionController {

    /** A held draft as the API shows it (credentials as their placeholders ⟦credential n⟧; values only sealed). */
    record PendingDraft(String draftId, String locationId, String mode, String reason, String requestedBy,
            String recipient, String subject, String preview, Instant heldAt, Instant expiresAt, String status,
            String decidedBy) {

        static PendingDraft of(HeldDraft held) {
            return new PendingDraft(held.draftId(), held.locationId(), held.mode().name().toLowerCase(), held.reason(),
                    held.requestedBy(), held.recipient(), held.subject(), held.previewText(), held.heldAt(),
                    held.expiresAt(), held.status().name(), held.decidedBy());
        }
    }

    /** A decision: action approve, reject (reason required) or edit_and_approve (gated_all only). */
    record DecisionBody(String decisionId, String action, String reason, String subject, String body) {
    }

    private final HoldQueue queue;
    private final StaffDirectory staff;
    private final DecisionService decisions;

    DecisionController(HoldQueue queue, StaffDirectory staff, DecisionService decisions) {
        this.queue = queue;
        this.staff = staff;
        this.decisions = decisions;
    }

    @GetMapping
    List<PendingDraft> listPending(Principal who, @RequestParam(required = false) String location) {
        List<String> mine = staff.locationsOf(who.getName());
        List<String> wanted = location == null ? mine : mine.stream().filter(location::equals).toList();
        return queue.pending(wanted).stream().map(PendingDraft::of).toList();
    }

    @GetMapping("/{draftId}")
    ResponseEntity<?> get(Principal who, @PathVariable String draftId) {
        return queue.find(draftId)
                .filter(held -> staff.locationsOf(who.getName()).contains(held.locationId()))
                .<ResponseEntity<?>>map(held -> ResponseEntity.ok(PendingDraft.of(held)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "unknown_draft",
                        "No held draft " + draftId + " at a location you approve for"));
    }

    @PostMapping("/{draftId}/decision")
    ResponseEntity<?> decide(Principal who, @PathVariable String draftId, @RequestBody DecisionBody body) {
        return decide(decisions, who.getName(), draftId, body);
    }

    /** One decision by {@code decidedBy}, from either API (staff, or an agent through its gateway), as JSON. */
    static ResponseEntity<?> decide(DecisionService decisions, String decidedBy, String draftId, DecisionBody body) {
        DecisionAction action;
        try {
            action = DecisionAction.valueOf(String.valueOf(body.action()).toUpperCase());
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "invalid_action",
                    "action must be one of approve, reject, edit_and_approve; got " + body.action());
        }
        String decisionId = body.decisionId() == null ? UUID.randomUUID().toString() : body.decisionId();
        DecisionResult result = decisions.decide(new DecisionRequest(decisionId, draftId, action, decidedBy,
                body.reason(), body.subject(), body.body()));
        return respond(draftId, decisionId, result);
    }

    /** 200 with the outcome, or the refusal as a JSON error with the status that fits it. */
    static ResponseEntity<?> respond(String draftId, String decisionId, DecisionResult result) {
        if (result instanceof DecisionResult.Accepted accepted) {
            return ResponseEntity.ok(Map.of("draftId", draftId, "decisionId", decisionId == null ? "" : decisionId,
                    "outcome", accepted.outcome().name(), "repeated", accepted.repeated()));
        }
        DecisionResult.Refused refused = (DecisionResult.Refused) result;
        HttpStatus status = switch (refused.refusal()) {
            case UNKNOWN_DRAFT -> HttpStatus.NOT_FOUND;
            case NOT_AN_APPROVER, OWN_DRAFT, NOT_THE_REQUESTER, INVALID_PROOF -> HttpStatus.FORBIDDEN;
            case ALREADY_DECIDED, EXPIRED -> HttpStatus.CONFLICT;
            case EDIT_NOT_ALLOWED, REASON_REQUIRED, EDIT_NAMES_UNKNOWN_CREDENTIAL -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return error(status, refused.refusal().name().toLowerCase(), refused.message());
    }

    static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", code, "message", message));
    }
}
