package com.deskpost.oversight.expiry;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testfixtures.LocationBuilder;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExpiryJobIT {

    // A thread per replica: the common pool may have one thread on a small machine, which would run them in turn.
    private final ExecutorService replicas = Executors.newFixedThreadPool(2);
    private SchemaRegistryServer registry;
    private OversightDatabase db;
    private ExpiryJob job;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        db = new OversightDatabase(new AvroSerdes(new SchemaRegistryClient(registry.url())));
        job = new ExpiryJob(db.queue, db.resolutions, Directory.of(List.of(aLocation("LDN-1").build()), List.of()), db.tx);
    }

    @AfterEach
    void stop() {
        replicas.shutdownNow();
        registry.close();
    }

    @Test
    void aDraftNobodyDecidedOnInTimeExpiresUnsentAndStaffAreAlerted() {
        // Given one overdue draft, showing a sealed door code, and one still within its time
        String sealed = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()))
                .seal("4711", "LDN-1", "M-ADA");
        var overdue = db.hold(aDraft().id("late").at("LDN-1").subject("Door code ⟦credential 1⟧")
                .bodyText("Your door code is ⟦credential 1⟧.").secrets(sealed).build(), OversightMode.GATED_SEND,
                Instant.now().minus(1, ChronoUnit.MINUTES));
        db.hold(aDraft().id("fresh").at("LDN-1").build(), OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));

        // When the job runs, twice
        job.expireDue();
        job.expireDue();

        // Then only the overdue draft expired, once, and the only mail released is the alert to staff
        assertThat(db.queue.find("late").orElseThrow().status()).isEqualTo(Status.EXPIRED);
        assertThat(db.queue.find("fresh").orElseThrow().status()).isEqualTo(Status.PENDING);
        assertThat(db.auditTypes()).containsExactly("EXPIRED");
        assertThat(db.outbox(Topics.MAIL_APPROVALS)).singleElement()
                .satisfies(event -> assertThat(event.getOutcome()).isEqualTo(ApprovalOutcome.EXPIRED));
        OutboundEmail alert = db.outbox(Topics.MAIL_OUTBOUND).get(0);
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).hasSize(1);
        assertThat(alert.getDraft().getRecipient().getEmail()).isEqualTo(LocationBuilder.staffMailboxOf("LDN-1"));
        assertThat(alert.getDraft().getSubject()).startsWith("Approval expired: ");
        assertThat(alert.getDraft().getBodyText()).contains(overdue.getRecipient().getEmail());
        // And it names the credential without a placeholder: the alert carries no secret delivery could fill it from
        assertThat(alert.getDraft().getSubject()).isEqualTo("Approval expired: Door code [credential 1]");
        assertThat(alert.getDraft().getBodyText()).contains("Your door code is [credential 1].").doesNotContain(sealed);
        assertThat(alert.getDraft().getSecrets()).isEmpty();
        assertThat(CredentialPlaceholders.contains(alert.getDraft().getBodyHtml())).isFalse();
        assertThat(OversightDatabase.ATTESTATION.problem(alert)).as("delivery accepts the alert").isEmpty();
        // And the expired row keeps no copy of the mail, so not its sealed code either
        assertThat(db.draftBytes("late")).isEmpty();
        assertThat(db.rowText("late")).doesNotContain(sealed);
        assertThat(db.draftBytes("fresh")).isNotEmpty();
    }

    @Test
    void twoReplicasThatBothFindADraftDueExpireItOnceAndAlertOnce() {
        // Given an overdue draft, and two replicas whose jobs have both read it as due before either acts
        db.hold(aDraft().id("late").at("LDN-1").build(), OversightMode.GATED_SEND, Instant.now().minus(1, ChronoUnit.MINUTES));
        CyclicBarrier bothRead = new CyclicBarrier(2);
        Directory directory = Directory.of(List.of(aLocation("LDN-1").build()), List.of());
        OversightDatabase other = db.replica();
        ExpiryJob first = new ExpiryJob(readingTogether(db, bothRead), db.resolutions, directory, db.tx);
        ExpiryJob second = new ExpiryJob(readingTogether(other, bothRead), other.resolutions, directory, other.tx);

        // When both run at once
        CompletableFuture.allOf(CompletableFuture.runAsync(first::expireDue, replicas),
                CompletableFuture.runAsync(second::expireDue, replicas)).join();

        // Then the draft expired once: one EXPIRED, one approval event, one alert to staff
        assertThat(db.queue.find("late").orElseThrow().status()).isEqualTo(Status.EXPIRED);
        assertThat(db.auditTypes()).containsExactly("EXPIRED");
        assertThat(db.outbox(Topics.MAIL_APPROVALS)).hasSize(1);
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).singleElement()
                .satisfies(alert -> assertThat(alert.getDraft().getSubject()).startsWith("Approval expired: "));
    }

    /** The replica's queue, whose due drafts are handed out only once the other replica has read its own. */
    private static HoldQueue readingTogether(OversightDatabase replica, CyclicBarrier bothRead) {
        return new HoldQueue(replica.jdbc) {
            @Override
            public List<HeldDraft> dueForExpiry(Instant now) {
                List<HeldDraft> due = super.dueForExpiry(now);
                try {
                    bothRead.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("The other replica never read its due drafts", e);
                }
                return due;
            }
        };
    }
}
