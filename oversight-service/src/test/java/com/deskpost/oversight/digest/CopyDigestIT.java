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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CopyDigestIT {

    private SchemaRegistryServer registry;
    private OversightDatabase db;
    private CopyDigest digest;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = new OversightDatabase(serdes);
        digest = new CopyDigest(db.jdbc, db.tx, new Outbox(db.jdbc, serdes),
                Directory.of(List.of(aLocation("LDN-1").build()), List.of()), OversightDatabase.ATTESTATION);
    }

    @AfterEach
    void stop() {
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
}
