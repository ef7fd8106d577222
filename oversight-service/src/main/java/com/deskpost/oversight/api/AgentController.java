package com.deskpost.oversight.api;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.api.DecisionController.DecisionBody;
import com.deskpost.oversight.api.DecisionController.PendingDraft;
import com.deskpost.oversight.decision.DecisionService;
import com.deskpost.oversight.decision.Withdrawals;
import com.deskpost.oversight.policy.OversightPolicy;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.staff.StaffDirectory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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
 * The agent API, for agent gateways only (the MCP server): the decision API's rules, applied to
 * the AI agent the gateway acts for, whose identity here is always {@code agent:<agentId>}. So an
 * agent decides only where a location's approvers name {@code agent:<agentId>}, and never on a
 * draft it requested itself (its drafts carry the same identity in {@code requested_by}): separation
 * of duties holds here, whatever the gateway's own credentials allow. An agent may withdraw a held
 * draft it requested, and ask which mode a draft would get before sending it.
 */
@RestController
@RequestMapping("/api/v1/agents/{agentId}")
class AgentController {

    /** What an agent id may look like; the gateway acts as {@code agent:<id>}, never as a person. */
    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A withdrawal: the requester's reason, optional. */
    record WithdrawalBody(String reason) {
    }

    private final HoldQueue queue;
    private final StaffDirectory staff;
    private final DecisionService decisions;
    private final Withdrawals withdrawals;
    private final OversightPolicy policy;

    AgentController(HoldQueue queue, StaffDirectory staff, DecisionService decisions, Withdrawals withdrawals,
            OversightPolicy policy) {
        this.queue = queue;
        this.staff = staff;
        this.decisions = decisions;
        this.withdrawals = withdrawals;
        this.policy = policy;
    }

    @GetMapping("/pending")
    ResponseEntity<?> listPending(@PathVariable String agentId, @RequestParam(required = false) String location) {
        if (!AGENT_ID.matcher(agentId).matches()) {
            return invalidAgent(agentId);
        }
        List<String> mine = staff.locationsOf(identity(agentId));
        List<String> wanted = location == null ? mine : mine.stream().filter(location::equals).toList();
        return ResponseEntity.ok(queue.pending(wanted).stream().map(PendingDraft::of).toList());
    }

    /** A held draft the agent may decide on (approver of its location) or withdraw (its requester). */
    @GetMapping("/pending/{draftId}")
    ResponseEntity<?> get(@PathVariable String agentId, @PathVariable String draftId) {
        if (!AGENT_ID.matcher(agentId).matches()) {
            return invalidAgent(agentId);
        }
        String agent = identity(agentId);
        return queue.find(draftId)
                .filter(held -> agent.equals(held.requestedBy()) || staff.locationsOf(agent).contains(held.locationId()))
                .<ResponseEntity<?>>map(held -> ResponseEntity.ok(PendingDraft.of(held)))
                .orElseGet(() -> DecisionController.error(HttpStatus.NOT_FOUND, "unknown_draft", "No held draft "
                        + draftId + " that " + agent + " requested or approves for"));
    }

    @PostMapping("/pending/{draftId}/decision")
    ResponseEntity<?> decide(@PathVariable String agentId, @PathVariable String draftId,
            @RequestBody DecisionBody body) {
        if (!AGENT_ID.matcher(agentId).matches()) {
            return invalidAgent(agentId);
        }
        return DecisionController.decide(decisions, identity(agentId), draftId, body);
    }

    @PostMapping("/pending/{draftId}/withdrawal")
    ResponseEntity<?> withdraw(@PathVariable String agentId, @PathVariable String draftId,
            @RequestBody(required = false) WithdrawalBody body) {
        if (!AGENT_ID.matcher(agentId).matches()) {
            return invalidAgent(agentId);
        }
        return DecisionController.respond(draftId, null,
                withdrawals.withdraw(draftId, identity(agentId), body == null ? null : body.reason()));
    }

    /** The mode a draft of this location and event type would get, with the rule, before it is sent. */
    @GetMapping("/policy")
    ResponseEntity<?> policy(@PathVariable String agentId, @RequestParam String location,
            @RequestParam String eventType, @RequestParam(required = false) String requestedMode) {
        OversightMode requested;
        try {
            requested = requestedMode == null || requestedMode.isBlank() ? null
                    : OversightMode.valueOf(requestedMode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DecisionController.error(HttpStatus.BAD_REQUEST, "invalid_mode",
                    "requestedMode must be autonomous, monitored, gated_send or gated_all; got " + requestedMode);
        }
        OversightPolicy.Verdict verdict = policy.evaluate(location, eventType, requested);
        return ResponseEntity.ok(Map.of("mode", verdict.mode().name().toLowerCase(Locale.ROOT),
                "rule", verdict.rule()));
    }

    private static String identity(String agentId) {
        return "agent:" + agentId;
    }

    private static ResponseEntity<?> invalidAgent(String agentId) {
        return DecisionController.error(HttpStatus.BAD_REQUEST, "invalid_agent", "Agent id '" + agentId
                + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
}
