package com.deskpost.delivery.contacts;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a GDPR erasure through the API, the running service sends the address nothing, transactional
 * or commercial, although its database no longer holds the address anywhere: the suppression is kept
 * by pseudonym.
 */
class ErasedAddressIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HEDY = "hedy@example.com";
    private static final String HEDY_PSEUDONYM = new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET).of(HEDY);
    // New York: commercial mail needs no opt-in there, so only the erasure can stop it.
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-E").setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        stack.startService();
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void anErasedAddressGetsNeitherTransactionalNorCommercialMailAndNoRowHoldsIt() {
        // Given Hedy opted in, then was erased, and the erasure was announced on mail.consent
        assertThat(http.postJson("/api/v1/contacts/" + HEDY + "/tags", "{\"tag\":\"opt_in\",\"action\":\"ADDED\"}")
                .statusCode()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/contacts/" + HEDY + "/erasure", "").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> stack.jdbc().queryForObject(
                "select count(*) from outbox where topic = 'mail.consent'", Integer.class) == 0);

        // When a booking confirmation and a promotion to her (her address spelt capitalised) are released,
        // and a confirmation to Alan after them
        EmailDraft confirmation = draft("erased-confirmation", "Hedy@Example.com", EmailCategory.TRANSACTIONAL);
        EmailDraft promotion = draft("erased-promotion", "Hedy@Example.com", EmailCategory.COMMERCIAL);
        release(confirmation);
        release(promotion);
        release(draft("control-confirmation", "alan@example.com", EmailCategory.TRANSACTIONAL));

        // Then Alan's arrives, and both of hers are suppressed and audited (audit-service stores the events under
        // her pseudonym: its AuditLogIT)
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("alan@example.com").size() == 1);
        for (EmailDraft draft : List.of(confirmation, promotion)) {
            await().atMost(WAIT).until(() -> stack.audited(draft.getDraftId()).stream()
                    .anyMatch(event -> event.getType().name().equals("SUPPRESSED")));
        }
        assertThat(stack.smtp().messagesTo(HEDY)).isEmpty();
        assertThat(stack.jdbc().queryForList("select draft_id from delivery_ledger where draft_id not like 'legacy-%'",
                String.class))
                .containsExactly("control-confirmation");
        // And no column of any delivery table holds her address; the contacts API lists her erasure by pseudonym
        assertThat(rowsContaining(HEDY)).isEmpty();
        HttpResponse<String> erased = http.get("/api/v1/contacts?tag=erased");
        assertThat(TestHttp.json(erased).get("items").valueStream().map(item -> item.get("email").asString()))
                .contains(HEDY_PSEUDONYM).doesNotContain(HEDY);
        // And mail.consent announced the erasure under the pseudonym: the only records naming her are from
        // before it (her opt-in), none of them an erasure
        assertThat(stack.topics().records(Topics.MAIL_CONSENT)).filteredOn(record -> record.value().getTag().equals("erased"))
                .singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo(HEDY_PSEUDONYM);
                    assertThat(record.value().getEmail()).isEqualTo(HEDY_PSEUDONYM);
                });
        assertThat(stack.topics().records(Topics.MAIL_CONSENT))
                .filteredOn(record -> (record.key() + record.value()).contains(HEDY))
                .extracting(record -> record.value().getTag()).containsExactly("opt_in");
    }

    @Test
    void anAddressErasedBeforeKeyedPseudonymsIsStillRefusedEveryMail() {
        // Given an erasure stored before the upgrade, under the unkeyed pseudonym (erased: + 16 hex digits of the
        // SHA-256 of the address, here of "lamarr@example.com", computed with sha256sum)
        stack.jdbc().update("insert into consent_tags (email, tag, present, changed_at, source)"
                + " values ('erased:cda42c0220c502f0', 'erased', true, now(), 'erasure')");

        // When a booking confirmation to that address is released, and one to Alan after it
        EmailDraft confirmation = draft("legacy-erased-confirmation", "Lamarr@Example.com", EmailCategory.TRANSACTIONAL);
        release(confirmation);
        release(draft("legacy-control", "grace@example.com", EmailCategory.TRANSACTIONAL));

        // Then Grace's arrives and the erased address's is suppressed and audited
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("grace@example.com").size() == 1);
        await().atMost(WAIT).until(() -> stack.audited(confirmation.getDraftId()).stream()
                .anyMatch(event -> event.getType().name().equals("SUPPRESSED")));
        assertThat(stack.smtp().messagesTo("lamarr@example.com")).isEmpty();
    }

    private static EmailDraft draft(String id, String to, EmailCategory category) {
        return aDraft().id(id).at(NEW_YORK.getLocationId()).to(to, "Hedy Lamarr").category(category).build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    /** Every table.column (text, varchar, json, bytea read as text) with a row containing the text. */
    private static List<String> rowsContaining(String needle) {
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> column : stack.jdbc().queryForList("""
                select table_name, column_name, data_type from information_schema.columns
                 where table_schema = current_schema()
                   and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                """)) {
            String name = "\"" + column.get("column_name") + "\"";
            String value = "bytea".equals(column.get("data_type")) ? "encode(" + name + ", 'escape')" : name + "::text";
            Integer rows = stack.jdbc().queryForObject("select count(*) from \"" + column.get("table_name")
                    + "\" where strpos(lower(" + value + "), ?) > 0", Integer.class, needle);
            if (rows > 0) {
                hits.add(column.get("table_name") + "." + column.get("column_name") + ": " + rows);
            }
        }
        return hits;
    }
}
