package com.deskpost.reliability.input;

import com.deskpost.devstack.SampleFacility;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.proof.DecisionProof;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Oversight's separation of duties (README "Decisions"): only approvers of a draft's location may
 * see or decide it, and the identity that requested a draft can never decide on it, through the
 * REST API and through mail.decisions alike. Two locations: A (approvers {@code appr-a} and
 * {@code ops}) and B ({@code appr-b}); one held draft at each, the one at A requested by
 * {@code appr-a} itself.
 */
final class ApproverChecks {

    static final Location A = Location.newBuilder(SampleFacility.location("SEC-A", "Deskpost Security A", "London",
            "GB", "Europe/London", "UK")).setApprovers(List.of("appr-a", "ops")).build();
    static final Location B = Location.newBuilder(SampleFacility.location("SEC-B", "Deskpost Security B", "Berlin",
            "DE", "Europe/Berlin", "EU")).setApprovers(List.of("appr-b")).build();

    /** Staff accounts of the check (the whole list: a list setting from one source replaces the file's). */
    static final Map<String, String> STAFF = Map.of(
            "deskpost.oversight.staff[0].member-id", "ops",
            "deskpost.oversight.staff[0].password", "{noop}ops",
            "deskpost.oversight.staff[1].member-id", "appr-a",
            "deskpost.oversight.staff[1].password", "{noop}appr-a-password",
            "deskpost.oversight.staff[2].member-id", "appr-b",
            "deskpost.oversight.staff[2].password", "{noop}appr-b-password");

    /** Forged decisions {@link #forgeDecisions} publishes. */
    private static final int FORGERIES = 3;

    private static final String OPS = Http.basic("ops", "ops");
    private static final String APPR_A = Http.basic("appr-a", "appr-a-password");
    private static final String APPR_B = Http.basic("appr-b", "appr-b-password");

    private final Http http;
    private final InputStack input;
    private final List<String> violations;
    private int checks;

    ApproverChecks(Http http, InputStack input, List<String> violations) {
        this.http = http;
        this.input = input;
        this.violations = violations;
    }

    /** Runs every check; returns how many were made. */
    int run() throws Exception {
        String ownDraft = hold(A, "appr-a", "own-draft@security.example");
        String otherDraft = hold(B, "booking-events", "other-location@security.example");
        awaitHeld(ownDraft);
        awaitHeld(otherDraft);

        // wrong location, REST: appr-b neither lists, reads nor decides A's draft; appr-a not B's
        expect("appr-b lists SEC-A", get("/api/v1/pending?location=SEC-A", APPR_B), 200, ownDraft, false);
        expect("appr-b lists all", get("/api/v1/pending", APPR_B), 200, ownDraft, false);
        expect("appr-a lists all", get("/api/v1/pending", APPR_A), 200, otherDraft, false);
        expect("appr-b reads A's draft", get("/api/v1/pending/" + ownDraft, APPR_B), 404, null, false);
        expect("appr-b approves A's draft", decide(ownDraft, APPR_B), 403, null, false);
        expect("appr-a approves B's draft", decide(otherDraft, APPR_A), 403, null, false);
        // own draft, REST: appr-a is an approver of A but requested this draft
        Http.Answer own = decide(ownDraft, APPR_A);
        expect("appr-a approves own draft", own, 403, null, false);
        if (!own.body().contains("own_draft")) {
            violations.add("an approver deciding their own draft is refused without naming own_draft: " + own.body());
        }

        // the same through mail.decisions: both are refused and audited DECISION_REFUSED
        decideByTopic(ownDraft, "appr-a");
        decideByTopic(ownDraft, "appr-b");
        decideByTopic(otherDraft, "appr-a");
        // forged decisions naming B's real approver: no proof, a guessed key, a proof made for another draft
        forgeDecisions(otherDraft, ownDraft, "appr-b");
        awaitRefusals(ownDraft, 2);
        awaitRefusals(otherDraft, 1 + FORGERIES);
        checks += 3 + FORGERIES;
        expect("appr-b reads B's draft after forged decisions", get("/api/v1/pending/" + otherDraft, APPR_B), 200,
                "PENDING", true);

        // both drafts are still held, unsent
        expect("ops reads A's draft after refusals", get("/api/v1/pending/" + ownDraft, OPS), 200, "PENDING", true);
        if (!input.stack.smtp().messagesTo("own-draft@security.example").isEmpty()
                || !input.stack.smtp().messagesTo("other-location@security.example").isEmpty()) {
            violations.add("a draft refused to its requester or to another location's approver was sent");
        }
        // and the rules, not a broken draft, refused them: an approver who may decide does
        expect("ops approves A's draft", decide(ownDraft, OPS), 200, null, false);
        try {
            Waits.await().atMost(Duration.ofSeconds(60))
                    .until(() -> !input.stack.smtp().messagesTo("own-draft@security.example").isEmpty());
        } catch (ConditionTimeoutException e) {
            violations.add("draft " + ownDraft + " approved by ops was not delivered within 60 s");
        }
        return checks;
    }

    private String hold(Location location, String requestedBy, String to) {
        EmailDraft draft = heldDraft(location, requestedBy, to, "Checked Recipient");
        input.publish(Topics.MAIL_DRAFTS, DraftKeys.of(draft), draft);
        return draft.getDraftId();
    }

    /** A transactional draft that requests gated_send, so oversight holds it for an approver. */
    static EmailDraft heldDraft(Location location, String requestedBy, String to, String name) {
        String eventId = UUID.randomUUID().toString();
        String draftId = DraftIds.draftId(eventId, "security-check", to);
        return EmailDraft.newBuilder()
                .setDraftId(draftId)
                .setHeader(SampleFacility.header(location.getLocationId(), 1, Instant.now()))
                .setEventType("booking_confirmation")
                .setTemplate("security-check")
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(to).setName(name).setRole(RecipientRole.MEMBER).build())
                .setLocationId(location.getLocationId())
                .setSubject("Held for " + name)
                .setBodyText("Dear " + name + ", a draft held for approval.")
                .setBodyHtml("<p>Dear " + name + ", a draft held for approval.</p>")
                .setSupersedeKey("security-check:" + draftId)
                .setEntityVersion(1)
                .setRequestedMode(OversightMode.GATED_SEND)
                .setRequestedBy(requestedBy)
                .setThread(MailThread.newBuilder().setThreadKey("security-check:" + draftId).build())
                .setCreatedAt(Instant.now())
                .build();
    }

    private void awaitHeld(String draftId) {
        Waits.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/api/v1/pending/" + draftId, OPS).status() == 200
                        || get("/api/v1/pending/" + draftId, APPR_B).status() == 200);
    }

    private void awaitRefusals(String draftId, int expected) {
        try {
            Waits.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> Databases.count(input.stack.auditDatabase(),
                            "select count(*) from audit_log where draft_id = ? and type = 'DECISION_REFUSED'", draftId)
                            >= expected);
        } catch (ConditionTimeoutException e) {
            violations.add("draft " + draftId + ": fewer than " + expected
                    + " DECISION_REFUSED audit rows for the decisions refused on mail.decisions");
        }
    }

    private Http.Answer get(String path, String authorization) {
        return http.get(input.url("oversight-service", path), authorization);
    }

    private Http.Answer decide(String draftId, String authorization) {
        return http.postJson(input.url("oversight-service", "/api/v1/pending/" + draftId + "/decision"),
                authorization, "{\"action\": \"approve\", \"decisionId\": \"" + UUID.randomUUID() + "\"}");
    }

    /** Signed with oversight's ops key, so the approver rules, not a missing proof, decide the outcome. */
    private void decideByTopic(String draftId, String decidedBy) {
        input.publish(Topics.MAIL_DECISIONS, draftId, input.stack.signedDecision(ApprovalDecision.newBuilder()
                .setDecisionId(UUID.randomUUID().toString()).setDraftId(draftId).setAction(DecisionAction.APPROVE)
                .setDecidedBy(decidedBy).setDecidedAt(Instant.now()).build()));
    }

    /**
     * Issue 17: a decision on mail.decisions proves who decided. Each forgery names the location's real
     * approver; each must be refused (DECISION_REFUSED) and leave the draft held.
     */
    private void forgeDecisions(String draftId, String otherDraftId, String approver) {
        ApprovalDecision claim = ApprovalDecision.newBuilder().setDecisionId(UUID.randomUUID().toString())
                .setDraftId(draftId).setAction(DecisionAction.APPROVE).setDecidedBy(approver)
                .setDecidedAt(Instant.now()).build();
        input.publish(Topics.MAIL_DECISIONS, draftId, claim);
        input.publish(Topics.MAIL_DECISIONS, draftId, DecisionProof.sign(
                ApprovalDecision.newBuilder(claim).setDecisionId(UUID.randomUUID().toString()).build(),
                "ops-cli", "a-guessed-secret-a-guessed-secret-0123"));
        ApprovalDecision elsewhere = input.stack.signedDecision(ApprovalDecision.newBuilder(claim)
                .setDecisionId(UUID.randomUUID().toString()).setDraftId(otherDraftId).build());
        input.publish(Topics.MAIL_DECISIONS, draftId, ApprovalDecision.newBuilder(elsewhere).setDraftId(draftId).build());
    }

    private void expect(String what, Http.Answer answer, int status, String text, boolean present) {
        checks++;
        boolean statusOk = answer.status() == status;
        boolean textOk = text == null || answer.body().contains(text) == present;
        if (!statusOk || !textOk) {
            violations.add(what + ": expected " + status + (text == null ? "" : (present ? " with " : " without ") + text)
                    + ", got " + answer.status() + " " + abbreviate(answer.body()));
        }
    }

    static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
