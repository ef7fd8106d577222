package com.deskpost.oversight.queue;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.decision.DecisionRequest;
import com.deskpost.oversight.decision.DecisionResult.Accepted;
import com.deskpost.oversight.decision.DecisionService;
import com.deskpost.oversight.decision.Withdrawals;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.staff.ApproverOverrides;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decided draft keeps no copy of the mail, so no credential, whichever way it left PENDING (expiry and erasure:
 * ExpiryJobIT, ErasureIT); an approval still releases the mail as composed, from the bytes read before.
 */
class DecidedDraftsIT {

    // A door code in clear, as a draft composed before sealing carries it, and one sealed, as drafts carry them now
    private static final String CLEAR_CODE = "907431";
    private static final String SEALED_CODE = new CredentialSealer(
            List.of(CredentialKeys.generate("test-key").publicKey())).seal("4711", "LDN-1", "M-ADA");

    private static SchemaRegistryServer registry;
    private static AvroSerdes serdes;
    private OversightDatabase db;
    private DecisionService decisions;
    private Withdrawals withdrawals;
    private QueueHousekeeping housekeeping;

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
        db = new OversightDatabase(serdes);
        decisions = new DecisionService(db.queue, new StaffDirectory(() -> List.of(aLocation("LDN-1").build()),
                new ApproverOverrides(db.jdbc)),
                db.resolutions, db.tx);
        withdrawals = new Withdrawals(db.queue, db.resolutions, db.tx);
        housekeeping = new QueueHousekeeping(db.queue, db.resolutions, db.tx, serdes);
    }

    @Test
    void anApprovedDraftIsReleasedAsComposedAndItsRowKeepsNeitherTheMailNorACredential() {
        // Given a held draft carrying a sealed code and, composed before sealing, a clear one
        EmailDraft draft = hold("approved", OversightMode.GATED_SEND);
        assertThat(db.rowText("approved")).contains(CLEAR_CODE).contains(SEALED_CODE);

        // When an approver approves it
        assertThat(decide("approved", DecisionAction.APPROVE, null)).isInstanceOf(Accepted.class);

        // Then the mail left through the outbox exactly as composed, credentials and all
        OutboundEmail released = db.outbox(Topics.MAIL_OUTBOUND).get(0);
        assertThat(released.getDraft()).isEqualTo(draft);
        // And the decided row keeps the decision, but no draft bytes and no credential in any column
        assertDecidedWithoutCredential("approved", Status.APPROVED);
    }

    @Test
    void editedRejectedWithdrawnAndSupersededDraftsKeepNoCredentialEither() {
        // Given four held drafts with credentials
        hold("edited", OversightMode.GATED_ALL);
        hold("rejected", OversightMode.GATED_SEND);
        EmailDraft withdrawn = hold("withdrawn", OversightMode.GATED_SEND);
        EmailDraft superseded = hold("superseded", OversightMode.GATED_SEND);

        // When one is edited and approved, one rejected, one withdrawn by its requester, one superseded
        assertThat(decisions.decide(new DecisionRequest("d-edited", "edited", DecisionAction.EDIT_AND_APPROVE,
                "M-STAFF-1", null, "Your door code", "Your code is ⟦credential 1⟧, see you soon.")))
                .isInstanceOf(Accepted.class);
        assertThat(decide("rejected", DecisionAction.REJECT, "not now")).isInstanceOf(Accepted.class);
        assertThat(withdrawals.withdraw("withdrawn", withdrawn.getRequestedBy(), "sent by mistake"))
                .isInstanceOf(Accepted.class);
        EntityVersion newer = EntityVersion.newBuilder().setSupersedeKey(superseded.getSupersedeKey())
                .setVersion(superseded.getEntityVersion() + 1).setStatus(EntityStatus.CANCELLED)
                .setSourceEventId("e").setOccurredAt(Instant.now()).build();
        housekeeping.on(new ConsumerRecord<>(Topics.MAIL_ENTITY_VERSIONS.name(), 0, 0, newer.getSupersedeKey(),
                serdes.serialize(Topics.MAIL_ENTITY_VERSIONS, newer)));

        // Then each row keeps its decision and none keeps the mail or a credential
        assertDecidedWithoutCredential("edited", Status.APPROVED);
        assertDecidedWithoutCredential("rejected", Status.REJECTED);
        assertDecidedWithoutCredential("withdrawn", Status.CANCELLED);
        assertDecidedWithoutCredential("superseded", Status.SUPERSEDED);
        // And the edited mail was released with its sealed credential (delivery opens it)
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).singleElement()
                .satisfies(out -> assertThat(out.getDraft().getBodyText()).contains("⟦credential 1⟧"));
    }

    @Test
    void aRefusedDecisionLeavesThePendingDraftAsComposed() {
        // Given a held draft
        hold("waiting", OversightMode.GATED_SEND);

        // When someone who is no approver tries to approve it
        decisions.decide(new DecisionRequest("d-x", "waiting", DecisionAction.APPROVE, "M-NOBODY", null, null, null));

        // Then it still waits with its mail, to be released as composed later
        assertThat(db.queue.find("waiting").orElseThrow().status()).isEqualTo(Status.PENDING);
        assertThat(db.draftBytes("waiting")).isNotEmpty();
    }

    private void assertDecidedWithoutCredential(String draftId, Status status) {
        HeldDraft row = db.queue.find(draftId).orElseThrow();
        assertThat(row.status()).isEqualTo(status);
        assertThat(row.decidedAt()).isNotNull();
        assertThat(db.draftBytes(draftId)).as("draft bytes of " + draftId).isEmpty();
        assertThat(db.rowText(draftId)).as("row of " + draftId).doesNotContain(CLEAR_CODE).doesNotContain(SEALED_CODE)
                .doesNotContain("4711");
    }

    private EmailDraft hold(String id, OversightMode mode) {
        return db.hold(aDraft().id(id).at("LDN-1").subject("Your door code")
                .bodyText("Your code is ⟦credential 1⟧; the side door's is " + CLEAR_CODE + ".")
                .secrets(SEALED_CODE, CLEAR_CODE).build(), mode, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    private Object decide(String draftId, DecisionAction action, String reason) {
        return decisions.decide(new DecisionRequest("d-" + draftId, draftId, action, "M-STAFF-1", reason, null, null));
    }
}
