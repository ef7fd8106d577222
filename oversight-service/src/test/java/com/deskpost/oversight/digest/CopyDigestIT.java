package com.deskpost.oversight.digest;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.outbox.Outbox;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CopyDigestIT {

    // A thread per replica: the common pool may have one thread on a small machine, which would run them in turn.
    private final ExecutorService replicas = Executors.newFixedThreadPool(2);
    private SchemaRegistryServer registry;
    private OversightDatabase db;
    private AvroSerdes serdes;
    private CopyDigest digest;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = new OversightDatabase(serdes);
        digest = new CopyDigest(db.jdbc, db.tx, new Outbox(db.jdbc, serdes),
                Directory.of(List.of(aLocation("LDN-1").build()), List.of()), OversightDatabase.ATTESTATION);
    }

    @AfterEach
    void stop() {
        replicas.shutdownNow();
        registry.close();
    }

    @Test
    void staffGetOneDigestListingEveryMonitoredMailOnceWithNoCredentialAndNothingForDeliveryToFill() {
        // Given two monitored releases, one noted twice (a replay), one showing a sealed door code's placeholder
        String sealed = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()))
                .seal("4711", "LDN-1", "M-ALAN");
        digest.note(aDraft().id("a").at("LDN-1").to("ada@example.com").subject("Booking confirmed").build(),
                Instant.parse("2026-11-24T09:00:00Z"));
        digest.note(aDraft().id("a").at("LDN-1").to("ada@example.com").subject("Booking confirmed").build(),
                Instant.parse("2026-11-24T09:00:00Z"));
        digest.note(aDraft().id("b").at("LDN-1").to("alan@example.com").subject("Door code ⟦credential 1⟧").secrets(sealed)
                .build(), Instant.parse("2026-11-24T09:30:00Z"));

        // When the hourly job runs, and runs again
        digest.sendDigests();
        digest.sendDigests();

        // Then one digest went to the staff mailbox, listing both mails once, naming the credential without a
        // placeholder (the digest carries no secret delivery could fill it from) and without the sealed value
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).singleElement().satisfies((OutboundEmail mail) -> {
            assertThat(mail.getDraft().getRecipient().getEmail()).isEqualTo(LocationBuilder.staffMailboxOf("LDN-1"));
            assertThat(mail.getDraft().getSubject()).isEqualTo("Monitored mail digest: 2 sent");
            assertThat(mail.getDraft().getBodyText()).contains("ada@example.com", "alan@example.com")
                    .contains("Door code [credential 1]").doesNotContain(sealed);
            assertThat(CredentialPlaceholders.contains(mail.getDraft().getBodyText())).isFalse();
            assertThat(CredentialPlaceholders.contains(mail.getDraft().getBodyHtml())).isFalse();
            assertThat(OversightDatabase.ATTESTATION.problem(mail)).as("delivery accepts the digest").isEmpty();
        });
    }

    @Test
    void twoReplicasRunningTheSameHourAtOnceSendOneDigest() {
        // Given two monitored releases, and a second replica on the same database
        note(digest, "a", "2026-11-24T09:00:00Z");
        note(digest, "b", "2026-11-24T09:30:00Z");
        CopyDigest other = replica();

        // When both replicas run the 10:00 digest at the same moment
        Instant slot = Instant.parse("2026-11-24T10:00:00Z");
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> digest.sendDigests(slot), replicas),
                CompletableFuture.runAsync(() -> other.sendDigests(slot), replicas)).join();

        // Then one digest went out, listing both
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).singleElement()
                .satisfies(mail -> assertThat(mail.getDraft().getSubject()).isEqualTo("Monitored mail digest: 2 sent"));
    }

    @Test
    void aReplicaLateForAnHourItsPeerAlreadySentSendsNoSecondDigest() {
        // Given the 10:00 digest sent by one replica, and a release noted after it
        CopyDigest other = replica();
        note(digest, "a", "2026-11-24T09:00:00Z");
        Instant ten = Instant.parse("2026-11-24T10:00:00Z");
        digest.sendDigests(ten);
        note(digest, "b", "2026-11-24T10:00:05Z");

        // When the other replica runs the same 10:00 digest a little later, and then the 11:00 one
        other.sendDigests(ten);
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).hasSize(1);
        other.sendDigests(Instant.parse("2026-11-24T11:00:00Z"));

        // Then the late release waited for the 11:00 digest: two digests in two hours, each release listed once
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).extracting(mail -> mail.getDraft().getBodyText())
                .satisfiesExactly(
                        first -> assertThat(first).contains("a@example.com").doesNotContain("b@example.com"),
                        second -> assertThat(second).contains("b@example.com").doesNotContain("a@example.com"));
    }

    private CopyDigest replica() {
        OversightDatabase replica = db.replica();
        return new CopyDigest(replica.jdbc, replica.tx, new Outbox(replica.jdbc, serdes),
                Directory.of(List.of(aLocation("LDN-1").build()), List.of()), OversightDatabase.ATTESTATION);
    }

    private static void note(CopyDigest digest, String id, String releasedAt) {
        digest.note(aDraft().id(id).at("LDN-1").to(id + "@example.com").subject("Booking confirmed").build(),
                Instant.parse(releasedAt));
    }
}
