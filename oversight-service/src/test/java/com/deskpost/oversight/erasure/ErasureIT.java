package com.deskpost.oversight.erasure;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.deskpost.events.ApprovalOutcome;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.DecisionAction;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.decision.DecisionRequest;
import com.deskpost.oversight.decision.DecisionService;
import com.deskpost.oversight.digest.CopyDigest;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.staff.ApproverOverrides;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.oversight.subject.SubjectRecords;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GDPR erasure in oversight's real PostgreSQL: no row names the person afterwards, the queue's history stays; and a
 * subject access finds the same rows, before the erasure and after it.
 */
class ErasureIT {

    private static final String ADA = "ada@example.com";
    // The keyed pseudonym delivery announces: one for every spelling of her address
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("it-pseudonym-secret-0123456789abcdef");
    private static final String ADA_PSEUDONYM = PSEUDONYMS.of(ADA);
    // The unkeyed pseudonym of before (erased: + 16 hex digits of SHA-256), computed with sha256sum
    private static final String ADA_UNKEYED_PSEUDONYM = "erased:b5fc85e55755f9e0";
    private static final Instant RELEASED_AT = Instant.parse("2026-11-24T09:00:00Z");

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private OversightDatabase db;
    private DecisionService decisions;
    private CopyDigest digest;
    private ErasureListener listener;

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = new OversightDatabase(serdes);
        Directory directory = Directory.of(List.of(aLocation("LDN-1").build()), List.of());
        decisions = new DecisionService(db.queue, new StaffDirectory(() -> List.of(aLocation("LDN-1").build()),
                new ApproverOverrides(db.jdbc)), db.resolutions, db.tx);
        digest = new CopyDigest(db.jdbc, db.tx, new Outbox(db.jdbc, serdes), directory, OversightDatabase.ATTESTATION);
        listener = new ErasureListener(new Erasure(db.queue, db.resolutions, db.jdbc, db.tx),
                new ErasedRecipients(db.jdbc, PSEUDONYMS), serdes);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void afterAnErasureNoOversightRowNamesThePersonAndTheirWaitingDraftIsDropped() {
        // Given Ada's drafts: one approved (so released), one rejected with a reason naming her, one still
        // waiting (its composer spelled her address capitalised), and a monitored mail noted for the digest
        hold(aDraft().id("approved").to(ADA).subject("Welcome, Ada Lovelace").build());
        decide("approved", DecisionAction.APPROVE, null);
        hold(aDraft().id("rejected").to(ADA).build());
        decide("rejected", DecisionAction.REJECT, "Ada Lovelace asked for another floor");
        EmailDraft waiting = hold(aDraft().id("waiting").to("Ada@Example.com").build());
        digest.note(aDraft().id("monitored-ada").to(ADA).subject("Your invoice, Ada Lovelace").build(), RELEASED_AT);
        // and other people's: Alan's draft waiting, his monitored mail, and a decided staff note mentioning Ada
        EmailDraft alans = hold(aDraft().id("alan").to("alan@example.com").named("Alan Turing")
                .subject("Your desk is booked").bodyText("Hello Alan, desk 7 is yours.").build());
        digest.note(aDraft().id("monitored-alan").to("alan@example.com").named("Alan Turing")
                .subject("Your invoice").build(), RELEASED_AT);
        hold(aDraft().id("staff-note").to("front-desk@ldn.example").named("Front desk")
                .subject("Member request").bodyText("ada@example.com asked to move to floor 3.").build());
        decide("staff-note", DecisionAction.REJECT, "not needed");
        // the relay has published the outbox so far: it deletes what Kafka holds (OutboxRelayIT)
        db.jdbc.update("delete from outbox");
        assertThat(rowsContaining(ADA)).isNotEmpty();

        // When delivery's erasure arrives on mail.consent under her pseudonym, twice (a redelivery)
        listener.on(erasureOf(ADA_PSEUDONYM));
        listener.on(erasureOf(ADA_PSEUDONYM));

        // Then no text, bytea or json column of any oversight table holds her address or her name
        assertThat(rowsContaining(ADA)).isEmpty();
        assertThat(rowsContaining("Ada Lovelace")).isEmpty();
        // her waiting draft was dropped once, never sent, its records naming her by pseudonym only
        assertThat(db.queue.find("waiting").orElseThrow().status()).isEqualTo(Status.CANCELLED);
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).isEmpty();
        assertThat(db.outbox(Topics.MAIL_AUDIT)).singleElement().satisfies(audit -> {
            assertThat(audit.getType().name()).isEqualTo("SUPPRESSED");
            assertThat(audit.getDraftId()).isEqualTo(waiting.getDraftId());
            assertThat(audit.getRecipient()).isEqualTo(ADA_PSEUDONYM);
        });
        assertThat(db.outbox(Topics.MAIL_APPROVALS)).singleElement().satisfies(resolved -> {
            assertThat(resolved.getOutcome()).isEqualTo(ApprovalOutcome.CANCELLED);
            assertThat(resolved.getRecipient()).isEqualTo(ADA_PSEUDONYM);
            assertThat(resolved.getSubject()).isEqualTo(HeldDraft.ERASED_SUBJECT);
        });
        // the queue's history stays, without her
        HeldDraft approved = db.queue.find("approved").orElseThrow();
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("M-STAFF-1");
        assertThat(approved.locationId()).isEqualTo("LDN-1");
        assertThat(approved.recipient()).isEqualTo(ADA_PSEUDONYM);
        assertThat(approved.subject()).isEqualTo(HeldDraft.ERASED_SUBJECT);
        assertThat(approved.previewText()).isEmpty();
        assertThat(approved.draft()).isEmpty();
        assertThat(db.queue.find("waiting").orElseThrow().recipient()).isEqualTo(ADA_PSEUDONYM)
                .isNotEqualTo(ADA_UNKEYED_PSEUDONYM);
        assertThat(db.queue.find("rejected").orElseThrow().status()).isEqualTo(Status.REJECTED);
        assertThat(db.queue.find("waiting").orElseThrow().draft()).isEmpty();
        assertThat(db.queue.find("staff-note").orElseThrow().recipient()).isEqualTo("front-desk@ldn.example");
        assertThat(db.jdbc.queryForList("select recipient from digest_entries order by draft_id", String.class))
                .containsExactly(ADA_PSEUDONYM, "alan@example.com");
        // and Alan's waiting draft is untouched: it can still be released as composed
        HeldDraft alan = db.queue.find("alan").orElseThrow();
        assertThat(alan.status()).isEqualTo(Status.PENDING);
        assertThat(alan.subject()).isEqualTo("Your desk is booked");
        assertThat(db.resolutions.draftOf(alan)).isEqualTo(alans);
    }

    @Test
    void aSubjectAccessFindsThePersonsHeldDraftsAndDigestEntriesBeforeAndAfterTheirErasureAndNoOneElses() {
        // Given Ada's decided draft, her waiting one (spelt capitalised), her monitored mail, and Alan's of each
        hold(aDraft().id("approved").to(ADA).build());
        decide("approved", DecisionAction.APPROVE, null);
        hold(aDraft().id("waiting").to(" Ada@Example.com").build());
        digest.note(aDraft().id("monitored-ada").to(ADA).build(), RELEASED_AT);
        hold(aDraft().id("alan").to("alan@example.com").build());
        digest.note(aDraft().id("monitored-alan").to("alan@example.com").build(), RELEASED_AT);
        SubjectRecords records = new SubjectRecords(db.jdbc, PSEUDONYMS);

        // When her records are asked for by her address, in any case
        List<SubjectRecords.HeldDraftRecord> drafts = records.heldDrafts("ADA@example.com");

        // Then both her drafts are found, with their status, and her digest entry; nothing of Alan's
        assertThat(drafts).extracting(SubjectRecords.HeldDraftRecord::draftId, SubjectRecords.HeldDraftRecord::status)
                .containsExactlyInAnyOrder(tuple("approved", "APPROVED"),
                        tuple("waiting", "PENDING"));
        assertThat(records.digestEntries(ADA)).extracting(SubjectRecords.DigestEntryRecord::draftId)
                .containsExactly("monitored-ada");

        // When she is erased, and asked for again by her address
        listener.on(erasureOf(ADA_PSEUDONYM));

        // Then the same rows are found, under her pseudonym now
        assertThat(records.heldDrafts(ADA)).extracting(SubjectRecords.HeldDraftRecord::draftId,
                SubjectRecords.HeldDraftRecord::recipient).containsExactlyInAnyOrder(
                tuple("approved", ADA_PSEUDONYM),
                tuple("waiting", ADA_PSEUDONYM));
        assertThat(records.digestEntries(ADA)).extracting(SubjectRecords.DigestEntryRecord::recipient)
                .containsExactly(ADA_PSEUDONYM);
        assertThat(records.heldDrafts("alan@example.com")).extracting(SubjectRecords.HeldDraftRecord::draftId)
                .containsExactly("alan");
    }

    @Test
    void anAddressOnlyMentionedInAnotherPersonsDraftIsFoundByItsPseudonymAndScrubbed() {
        // Given a decided staff note whose subject names Grace, who has no draft of her own here
        hold(aDraft().id("staff-note").to("front-desk@ldn.example").named("Front desk")
                .subject("Desk move for grace@example.com.").build());
        decide("staff-note", DecisionAction.REJECT, "not needed");
        db.jdbc.update("delete from outbox");

        // When her erasure arrives under her pseudonym
        listener.on(erasureOf(PSEUDONYMS.of("grace@example.com")));

        // Then the note loses its text and no row names her
        assertThat(db.queue.find("staff-note").orElseThrow().subject()).isEqualTo(HeldDraft.ERASED_SUBJECT);
        assertThat(rowsContaining("grace@example.com")).isEmpty();
    }

    @Test
    void anErasureOfSomeoneOversightNeverHeldChangesNothingAndAnErasureInClearFromBeforeStillWorks() {
        // Given Alan's waiting draft
        hold(aDraft().id("alan").to("alan@example.com").build());

        // When an erasure of someone else arrives, under a pseudonym made with another secret
        listener.on(erasureOf(new Pseudonyms("another-secret-of-more-than-32-characters").of("alan@example.com")));

        // Then Alan's draft still waits
        assertThat(db.queue.find("alan").orElseThrow().status()).isEqualTo(Status.PENDING);

        // When an erasure announced in clear before keyed pseudonyms is read again
        listener.on(erasureOf("Alan@Example.com"));

        // Then it is honoured, under his keyed pseudonym
        HeldDraft alan = db.queue.find("alan").orElseThrow();
        assertThat(alan.status()).isEqualTo(Status.CANCELLED);
        assertThat(alan.recipient()).isEqualTo(PSEUDONYMS.of("alan@example.com"));
    }

    private EmailDraft hold(EmailDraft draft) {
        return db.hold(draft, OversightMode.GATED_SEND, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    private void decide(String draftId, DecisionAction action, String reason) {
        decisions.decide(new DecisionRequest("decision-" + draftId, draftId, action, "M-STAFF-1", reason, null, null));
    }

    private ConsumerRecord<String, byte[]> erasureOf(String email) {
        ConsentChange change = ConsentChange.newBuilder().setEmail(email).setTag("erased")
                .setAction(ConsentAction.ADDED).setSource("erasure").setChangedAt(Instant.now()).build();
        return new ConsumerRecord<>(Topics.MAIL_CONSENT.name(), 0, 0, email,
                serdes.serialize(Topics.MAIL_CONSENT, change));
    }

    /** Every table.column (text, varchar, json, bytea read as text) of the database with a row containing it. */
    private List<String> rowsContaining(String needle) {
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> column : db.jdbc.queryForList("""
                select table_name, column_name, data_type from information_schema.columns
                 where table_schema = current_schema()
                   and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                """)) {
            String name = "\"" + column.get("column_name") + "\"";
            String value = "bytea".equals(column.get("data_type")) ? "encode(" + name + ", 'escape')" : name + "::text";
            Integer rows = db.jdbc.queryForObject("select count(*) from \"" + column.get("table_name")
                    + "\" where strpos(lower(" + value + "), ?) > 0", Integer.class, needle.toLowerCase(Locale.ROOT));
            if (rows > 0) {
                hits.add(column.get("table_name") + "." + column.get("column_name") + ": " + rows);
            }
        }
        return hits;
    }
}
