package com.deskpost.oversight.decision;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.decision.DecisionResult.Accepted;
import com.deskpost.oversight.decision.DecisionResult.Refusal;
import com.deskpost.oversight.decision.DecisionResult.Refused;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.staff.ApproverOverrides;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The decision rules against a real PostgreSQL queue and outbox. */
class DecisionServiceIT {

    private static SchemaRegistryServer registry;
    private static AvroSerdes serdes;
    private JdbcTemplate jdbc;
    private HoldQueue queue;
    private DecisionService decisions;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void freshDatabase() {
        OversightDatabase db = new OversightDatabase(serdes);
        jdbc = db.jdbc;
        queue = db.queue;
        decisions = new DecisionService(queue, new StaffDirectory(() -> List.of(aLocation("LDN-1").build()),
                new ApproverOverrides(db.jdbc)),
                db.resolutions, db.tx);
    }

    @Test
    void anApproverReleasesTheDraftExactlyAsComposed() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        DecisionResult result = decisions.decide(request(draft, DecisionAction.APPROVE, "M-STAFF-1"));

        assertThat(result).isEqualTo(new Accepted(Status.APPROVED, false));
        OutboundEmail released = only(outbox(Topics.MAIL_OUTBOUND.name()), Topics.MAIL_OUTBOUND);
        assertThat(released.getDraft()).isEqualTo(draft);
        assertThat(released.getRelease().getReleasedBy()).isEqualTo("M-STAFF-1");
        // keyed as its draft was, from the queue hours later: one recipient's versions of an entity share a partition
        assertThat(jdbc.queryForList("select record_key from outbox where topic = ?", String.class,
                Topics.MAIL_OUTBOUND.name())).containsExactly(DraftKeys.of(draft));
        assertThat(OversightDatabase.ATTESTATION.problem(released)).as("delivery accepts the release").isEmpty();
        assertThat(auditTypes()).containsExactly("APPROVED", "RELEASED");
        ApprovalEvent resolved = only(outbox(Topics.MAIL_APPROVALS.name()), Topics.MAIL_APPROVALS);
        assertThat(resolved.getOutcome()).isEqualTo(ApprovalOutcome.APPROVED);
    }

    @Test
    void theIdentityThatRequestedADraftCanNeverApproveIt() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));
        jdbc.update("update held_drafts set requested_by = 'M-STAFF-1'");

        DecisionResult result = decisions.decide(request(draft, DecisionAction.APPROVE, "M-STAFF-1"));

        assertThat(result).isInstanceOf(Refused.class).extracting(r -> ((Refused) r).refusal()).isEqualTo(Refusal.OWN_DRAFT);
        assertThat(outbox(Topics.MAIL_OUTBOUND.name())).isEmpty();
        assertThat(auditTypes()).containsExactly("DECISION_REFUSED");
        assertThat(queue.find(draft.getDraftId()).orElseThrow().status()).isEqualTo(Status.PENDING);
    }

    @Test
    void onlyApproversOfTheDraftsLocationMayDecide() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        DecisionResult result = decisions.decide(request(draft, DecisionAction.APPROVE, "M-SOMEONE-ELSE"));

        assertThat(((Refused) result).refusal()).isEqualTo(Refusal.NOT_AN_APPROVER);
        assertThat(outbox(Topics.MAIL_OUTBOUND.name())).isEmpty();
    }

    @Test
    void theFirstOfConcurrentDecisionsWinsAndTheOthersAreRefused() throws Exception {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<DecisionResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            DecisionAction action = i % 2 == 0 ? DecisionAction.APPROVE : DecisionAction.REJECT;
            attempts.add(() -> decisions.decide(new DecisionRequest(UUID.randomUUID().toString(), draft.getDraftId(),
                    action, "M-STAFF-1", "not now", null, null)));
        }
        List<DecisionResult> results = new ArrayList<>();
        for (Future<DecisionResult> future : pool.invokeAll(attempts)) {
            results.add(future.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn(Accepted.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(Refused.class::isInstance)
                .allMatch(r -> ((Refused) r).refusal() == Refusal.ALREADY_DECIDED).hasSize(7);
        assertThat(outbox(Topics.MAIL_APPROVALS.name())).hasSize(1);
    }

    @Test
    void repeatingTheSameDecisionIsIdempotent() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));
        DecisionRequest approve = request(draft, DecisionAction.APPROVE, "M-STAFF-1");

        decisions.decide(approve);
        DecisionResult again = decisions.decide(approve);

        assertThat(again).isEqualTo(new Accepted(Status.APPROVED, true));
        assertThat(outbox(Topics.MAIL_OUTBOUND.name())).hasSize(1);
    }

    @Test
    void anExpiredDraftCannotBeDecided() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().minus(1, ChronoUnit.MINUTES));

        DecisionResult result = decisions.decide(request(draft, DecisionAction.APPROVE, "M-STAFF-1"));

        assertThat(((Refused) result).refusal()).isEqualTo(Refusal.EXPIRED);
        assertThat(outbox(Topics.MAIL_OUTBOUND.name())).isEmpty();
    }

    @Test
    void editsAreForGatedAllOnlyAndAreAuditedAsADiff() {
        EmailDraft sendOnly = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));
        assertThat(((Refused) decisions.decide(edit(sendOnly))).refusal()).isEqualTo(Refusal.EDIT_NOT_ALLOWED);

        EmailDraft editable = hold(OversightMode.GATED_ALL, Instant.now().plus(1, ChronoUnit.HOURS));
        assertThat(decisions.decide(edit(editable))).isEqualTo(new Accepted(Status.APPROVED, false));

        OutboundEmail released = only(outbox(Topics.MAIL_OUTBOUND.name()), Topics.MAIL_OUTBOUND);
        assertThat(released.getDraft().getSubject()).isEqualTo("Your tour on Friday");
        assertThat(released.getDraft().getBodyText()).isEqualTo("Dear Ada,\nsee you Friday at 10.");
        assertThat(released.getDraft().getBodyHtml()).contains("see you Friday at 10.");
        assertThat(OversightDatabase.ATTESTATION.problem(released)).as("the edit is what is attested").isEmpty();
        String diff = jdbc.queryForList("select payload from outbox where topic = ?", byte[].class,
                        Topics.MAIL_AUDIT.name()).stream()
                .map(bytes -> serdes.deserialize(Topics.MAIL_AUDIT, bytes))
                .filter(event -> event.getType().name().equals("EDITED"))
                .map(AuditEvent::getDetail).findFirst().orElseThrow();
        assertThat(diff).contains("subject:", "Your tour on Friday", "+see you Friday at 10.");
    }

    @Test
    void aRejectionNeedsAReason() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        DecisionResult result = decisions.decide(new DecisionRequest("d-1", draft.getDraftId(), DecisionAction.REJECT,
                "M-STAFF-1", " ", null, null));

        assertThat(((Refused) result).refusal()).isEqualTo(Refusal.REASON_REQUIRED);
    }

    @Test
    void holdingTheSameDraftTwiceKeepsOneQueueEntry() {
        EmailDraft draft = hold(OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        boolean again = queue.hold(draft, serdes.serialize(Topics.MAIL_DRAFTS, draft), OversightMode.GATED_SEND,
                "replay", Instant.now(), Instant.now().plus(1, ChronoUnit.HOURS));

        assertThat(again).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from held_drafts", Integer.class)).isEqualTo(1);
    }

    @Test
    void anEditMayKeepOrDropTheCredentialPlaceholdersButNotNameACredentialTheDraftDoesNotCarry() {
        // Given a gated_all draft with one sealed keycode, shown as its placeholder
        String sealed = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()))
                .seal("4711-2024", "LDN-1", "M-ADA");
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).at("LDN-1").subject("New master keycode")
                .bodyText("The new keycode is ⟦credential 1⟧.\nChange it at the panel.").secrets(sealed).build();
        queue.hold(draft, serdes.serialize(Topics.MAIL_DRAFTS, draft), OversightMode.GATED_ALL, "floor",
                Instant.now(), Instant.now().plus(1, ChronoUnit.HOURS));

        // When the approver's edit names a second credential, Then it is refused saying which the draft has
        DecisionResult invented = decisions.decide(new DecisionRequest(UUID.randomUUID().toString(),
                draft.getDraftId(), DecisionAction.EDIT_AND_APPROVE, "M-STAFF-1", null, null,
                "The new keycode is ⟦credential 1⟧, the alarm ⟦credential 3⟧.\nChange it at the panel today."));
        assertThat(((Refused) invented).refusal()).isEqualTo(Refusal.EDIT_NAMES_UNKNOWN_CREDENTIAL);
        assertThat(((Refused) invented).message()).contains("carries 1 (⟦credential 1⟧)", "cannot be added");
        assertThat(queue.find(draft.getDraftId()).orElseThrow().status()).isEqualTo(Status.PENDING);

        // When the edit keeps the placeholder, Then it is released with the placeholder and the sealed value
        DecisionResult edited = decisions.decide(new DecisionRequest(UUID.randomUUID().toString(), draft.getDraftId(),
                DecisionAction.EDIT_AND_APPROVE, "M-STAFF-1", null, null,
                "The new keycode is ⟦credential 1⟧.\nChange it at the panel today."));
        assertThat(edited).isInstanceOf(Accepted.class);
        EmailDraft released = only(outbox(Topics.MAIL_OUTBOUND.name()), Topics.MAIL_OUTBOUND).getDraft();
        assertThat(released.getBodyText()).isEqualTo("The new keycode is ⟦credential 1⟧.\nChange it at the panel today.");
        assertThat(released.getSecrets()).containsExactly(sealed);
        // And the audit trail never holds the sealed value
        List<String> details = jdbc.queryForList("select payload from outbox where topic = ?", byte[].class,
                Topics.MAIL_AUDIT.name()).stream().map(bytes -> serdes.deserialize(Topics.MAIL_AUDIT, bytes))
                .map(event -> String.valueOf(event.getDetail())).toList();
        assertThat(details).isNotEmpty().noneMatch(detail -> detail.contains(sealed));
    }

    @Test
    void anEditMayDropTheCredentialPlaceholder() {
        String sealed = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()))
                .seal("4711-2024", "LDN-1", "M-ADA");
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).at("LDN-1").subject("New master keycode")
                .bodyText("The new keycode is ⟦credential 1⟧.").secrets(sealed).build();
        queue.hold(draft, serdes.serialize(Topics.MAIL_DRAFTS, draft), OversightMode.GATED_ALL, "floor",
                Instant.now(), Instant.now().plus(1, ChronoUnit.HOURS));

        DecisionResult edited = decisions.decide(new DecisionRequest(UUID.randomUUID().toString(), draft.getDraftId(),
                DecisionAction.EDIT_AND_APPROVE, "M-STAFF-1", null, null,
                "Your keycode changed; the front desk will give it to you in person."));

        assertThat(edited).isInstanceOf(Accepted.class);
    }
    private EmailDraft hold(OversightMode mode, Instant expiresAt) {
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).at("LDN-1").subject("Your tour")
                .bodyText("Dear Ada,\nsee you soon.").build();
        queue.hold(draft, serdes.serialize(Topics.MAIL_DRAFTS, draft), mode, "policy says " + mode,
                Instant.now().minus(2, ChronoUnit.HOURS), expiresAt);
        return draft;
    }

    private static DecisionRequest request(EmailDraft draft, DecisionAction action, String who) {
        return new DecisionRequest(UUID.randomUUID().toString(), draft.getDraftId(), action, who, null, null, null);
    }

    private static DecisionRequest edit(EmailDraft draft) {
        return new DecisionRequest(UUID.randomUUID().toString(), draft.getDraftId(), DecisionAction.EDIT_AND_APPROVE,
                "M-STAFF-1", null, "Your tour on Friday", "Dear Ada,\nsee you Friday at 10.");
    }

    private List<byte[]> outbox(String topic) {
        return jdbc.queryForList("select payload from outbox where topic = ? order by seq", byte[].class, topic);
    }

    private List<String> auditTypes() {
        return outbox(Topics.MAIL_AUDIT.name()).stream()
                .map(bytes -> serdes.deserialize(Topics.MAIL_AUDIT, bytes).getType().name()).toList();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> V only(List<byte[]> rows,
            com.deskpost.platform.topic.Topic<V> topic) {
        assertThat(rows).hasSize(1);
        return serdes.deserialize(topic, rows.get(0));
    }
}
