package com.deskpost.delivery.contacts;


import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * tag_email, manage_contacts and GDPR erasure against the running service: tags take effect at
 * once and are announced on mail.consent; contacts are listed by tag and by the jurisdictions of
 * their members' locations; erasure suppresses the address, pseudonymises the ledger and announces
 * it under the pseudonym, from which audit-service and oversight erase what they hold.
 */
class ContactsApiIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Location LONDON = location("LDN-C", "UK");
    private static final Location SAN_FRANCISCO = location("SFO-C", "US-CA");
    private static final Location BERLIN = location("BER-C", "EU");

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = DeliveryTestStack.infrastructure();
        for (Location location : List.of(LONDON, SAN_FRANCISCO, BERLIN)) {
            stack.topics().publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        publishMember("M-ADA", "Ada@Example.com", "LDN-C", "SFO-C");
        publishMember("M-ALAN", "alan@example.com", "SFO-C");
        publishMember("M-KARL", "karl@example.com", "BER-C");
        stack.startService();
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void aTagTakesEffectAtOnceIsAnnouncedAndListsTheContact() {
        // When an integrator records an opt-in for an address spelt in capitals
        HttpResponse<String> response = http.postJson("/api/v1/contacts/Grace@Example.com/tags",
                "{\"tag\":\"opt_in\",\"action\":\"ADDED\",\"source\":\"crm-sync\"}");

        // Then it is recorded for the normalised address at once
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode update = TestHttp.json(response);
        assertThat(update.get("email").asString()).isEqualTo("grace@example.com");
        assertThat(update.get("tags").toString()).isEqualTo("[\"opt_in\"]");
        assertThat(consent().tags("grace@example.com")).containsExactly("opt_in");
        // And the other services hear of it, with the client that made it
        await().atMost(WAIT).until(() -> announced("grace@example.com").stream().anyMatch(change ->
                change.getTag().equals("opt_in") && change.getAction() == ConsentAction.ADDED
                        && change.getSource().equals("crm-sync")
                        && ("api-client:" + DeliveryTestStack.API_CLIENT).equals(change.getSourceRef())));
        // And manage_contacts lists the address with its tags
        JsonNode contacts = TestHttp.json(http.get("/api/v1/contacts?tag=opt_in"));
        assertThat(emails(contacts)).contains("grace@example.com");
    }

    @Test
    void contactsAreListedByTheJurisdictionsOfTheirMembersLocations() {
        // Given Ada (London and San Francisco) opted out under CCPA
        http.postJson("/api/v1/contacts/ada@example.com/tags", "{\"tag\":\"ccpa_opt_out\",\"action\":\"ADDED\"}");

        // When contacts in California are listed, in any case
        JsonNode californians = awaitContacts("/api/v1/contacts?jurisdiction=us-ca", 2);

        // Then both members there are listed with every jurisdiction they are in and their tags
        assertThat(emails(californians)).containsExactly("ada@example.com", "alan@example.com");
        JsonNode ada = californians.get("items").get(0);
        assertThat(ada.get("memberIds").toString()).isEqualTo("[\"M-ADA\"]");
        assertThat(ada.get("jurisdictions").toString()).isEqualTo("[\"UK\",\"US-CA\"]");
        assertThat(ada.get("tags").toString()).isEqualTo("[\"ccpa_opt_out\"]");
        // And tag and jurisdiction together narrow the list
        assertThat(emails(TestHttp.json(http.get("/api/v1/contacts?tag=ccpa_opt_out&jurisdiction=US-CA"))))
                .containsExactly("ada@example.com");
        assertThat(emails(TestHttp.json(http.get("/api/v1/contacts?tag=ccpa_opt_out&jurisdiction=EU")))).isEmpty();
    }

    @Test
    void aRemovedTagNoLongerListsTheContact() {
        // Given
        http.postJson("/api/v1/contacts/karl@example.com/tags", "{\"tag\":\"hard_bounced\",\"action\":\"ADDED\"}");

        // When
        http.postJson("/api/v1/contacts/karl@example.com/tags", "{\"tag\":\"hard_bounced\",\"action\":\"REMOVED\"}");

        // Then
        assertThat(consent().tags("karl@example.com")).doesNotContain("hard_bounced");
        assertThat(emails(TestHttp.json(http.get("/api/v1/contacts?tag=hard_bounced")))).doesNotContain("karl@example.com");
    }

    @Test
    void pagesFollowTheCursor() {
        // Given two members with a location in US-CA, one page each
        JsonNode first = awaitContacts("/api/v1/contacts?jurisdiction=US-CA&limit=1", 1);

        // When the next page is asked for with the cursor
        JsonNode second = TestHttp.json(http.get("/api/v1/contacts?jurisdiction=US-CA&limit=1&cursor="
                + first.get("nextCursor").asString()));

        // Then
        assertThat(emails(first)).containsExactly("ada@example.com");
        assertThat(emails(second)).containsExactly("alan@example.com");
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    void anUnknownTagIsRefusedListingTheAllowedOnesAndErasedPointsToErasure() {
        // When
        HttpResponse<String> unknown = http.postJson("/api/v1/contacts/x@example.com/tags",
                "{\"tag\":\"vip\",\"action\":\"ADDED\"}");
        HttpResponse<String> erased = http.postJson("/api/v1/contacts/x@example.com/tags",
                "{\"tag\":\"erased\",\"action\":\"ADDED\"}");
        HttpResponse<String> badAddress = http.postJson("/api/v1/contacts/not-an-address/tags",
                "{\"tag\":\"opt_in\",\"action\":\"ADDED\"}");

        // Then
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(unknown).get("field").asString()).isEqualTo("tag");
        assertThat(TestHttp.json(unknown).get("message").asString())
                .contains("unsubscribed", "opt_in", "ccpa_opt_out", "hard_bounced");
        assertThat(erased.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(erased).get("message").asString()).contains("/erasure");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(badAddress).get("field").asString()).isEqualTo("email");
        assertThat(consent().tags("x@example.com")).isEmpty();
    }

    @Test
    void erasureSuppressesTheAddressPseudonymisesTheLedgerAndAnnouncesItForTheAuditTrail() {
        // Given mail sent to Hedy
        stack.service().getBean(DeliveryLedger.class).recordSent(aDraft().id("draft-102").build(), "hedy@example.com",
                DeliveryLedger.Kind.PRIMARY, "<draft-102@example.com>", Instant.now());

        // When
        HttpResponse<String> response = http.postJson("/api/v1/contacts/hedy@example.com/erasure", "");

        // Then it reports what it did, and that the audit trail and held drafts follow when their services read it
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = TestHttp.json(response);
        String pseudonym = report.get("pseudonym").asString();
        assertThat(pseudonym).isEqualTo(new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET).of("hedy@example.com"))
                .isNotEqualTo(new Pseudonyms("dev-only-pseudonym-secret").of("hedy@example.com"));
        assertThat(report.get("ledgerRowsPseudonymised").asLong()).isEqualTo(1);
        assertThat(report.has("auditRowsPseudonymised")).isFalse();
        assertThat(report.get("auditTrail").asString()).contains("audit-service", "mail.consent");
        assertThat(report.get("pendingDrafts").asString()).contains("oversight");
        // And nothing will be sent to her, which the other services learn
        assertThat(consent().tags("hedy@example.com")).contains("erased");
        await().atMost(WAIT).until(() -> announced(pseudonym).stream().anyMatch(change ->
                change.getTag().equals("erased") && change.getSource().equals("erasure")
                        && change.getEmail().equals(pseudonym)));
        // And no record on mail.consent, key or value, names her: the erasure travels under the pseudonym only
        assertThat(stack.topics().records(Topics.MAIL_CONSENT))
                .noneSatisfy(record -> assertThat(record.key() + " " + record.value())
                        .containsIgnoringCase("hedy@example.com"));
        assertThat(stack.jdbc().queryForList("select email from consent_tags", String.class))
                .contains(pseudonym).doesNotContain("hedy@example.com");
        // And her address and the subject are gone from the ledger
        assertThat(stack.jdbc().queryForMap("select recipient, subject from delivery_ledger where draft_id = 'draft-102'"))
                .containsEntry("recipient", pseudonym).containsEntry("subject", null);
    }

    @Test
    void aChangeLeftInTheConsentOutboxOfAnEarlierVersionIsPublishedAfterTheUpgrade() {
        // Given a change an earlier version committed to its consent outbox and never published
        stack.jdbc().update("insert into consent_outbox (email, tag, action, source, source_ref, changed_at)"
                + " values ('left-behind@example.com', 'unsubscribed', 'ADDED', 'one-click', null, now())");

        // When the upgrade's drain runs (at start-up) / Then it is published and leaves the old table
        assertThat(stack.service().getBean(ConsentOutboxDrain.class).drain()).isEqualTo(1);
        await().atMost(WAIT).until(() -> announced("left-behind@example.com").stream()
                .anyMatch(change -> change.getTag().equals("unsubscribed")));
        await().atMost(WAIT).until(() -> stack.jdbc().queryForObject(
                "select count(*) from consent_outbox where email = 'left-behind@example.com'", Integer.class) == 0);
    }

    @Test
    void aLaterTagChangeOfAnErasedAddressIsNeitherStoredNorAnnounced() {
        // Given Ida's erasure, announced
        assertThat(http.postJson("/api/v1/contacts/ida@example.com/erasure", "").statusCode()).isEqualTo(200);
        String pseudonym = new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET).of("ida@example.com");
        await().atMost(WAIT).until(() -> !announced(pseudonym).isEmpty());

        // When her address is unsubscribed afterwards (an old link, a CRM sync)
        HttpResponse<String> response = http.postJson("/api/v1/contacts/ida@example.com/tags",
                "{\"tag\":\"unsubscribed\",\"action\":\"ADDED\"}");

        // Then she stays erased, and her address never reaches mail.consent
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(consent().tags("ida@example.com")).containsExactly("erased");
        assertThat(stack.jdbc().queryForObject(
                "select count(*) from outbox where topic = 'mail.consent' and record_key like 'ida@%'", Integer.class))
                .isZero();
        assertThat(stack.topics().records(Topics.MAIL_CONSENT))
                .noneSatisfy(record -> assertThat(record.key() + " " + record.value()).contains("ida@example.com"));
    }

    @Test
    void anErasureLeftInTheConsentOutboxInClearFromBeforeKeyedPseudonymsIsPublishedUnderItsPseudonym() {
        // Given an erasure staged in clear by a version before keyed pseudonyms, still waiting in its consent outbox
        stack.jdbc().update("insert into consent_outbox (email, tag, action, source, source_ref, changed_at)"
                + " values ('left-erased@example.com', 'erased', 'ADDED', 'erasure', null, now())");
        String pseudonym = new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET).of("left-erased@example.com");

        // When the upgrade's drain runs
        stack.service().getBean(ConsentOutboxDrain.class).drain();

        // Then it goes out under the pseudonym, and nothing on the topic names the address
        await().atMost(WAIT).until(() -> announced(pseudonym).stream()
                .anyMatch(change -> change.getEmail().equals(pseudonym) && change.getTag().equals("erased")));
        assertThat(stack.topics().records(Topics.MAIL_CONSENT))
                .noneSatisfy(record -> assertThat(record.key() + " " + record.value()).contains("left-erased"));
    }

    private static JsonNode awaitContacts(String path, int atLeast) {
        // The directory reaches the global tables asynchronously after start-up.
        await().atMost(WAIT).until(() -> TestHttp.json(http.get(path)).get("items").size() >= atLeast);
        return TestHttp.json(http.get(path));
    }

    private static List<String> emails(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.has("email") ? item.get("email").asString()
                : item.get("recipient").asString()).toList();
    }

    private static List<ConsentChange> announced(String email) {
        return stack.topics().records(Topics.MAIL_CONSENT).stream()
                .filter(record -> email.equals(record.key()))
                .map(record -> record.value())
                .toList();
    }

    private static ConsentStore consent() {
        return stack.service().getBean(ConsentStore.class);
    }

    private static Location location(String id, String jurisdiction) {
        return Location.newBuilder(aLocation().build()).setLocationId(id).setJurisdiction(jurisdiction).build();
    }

    private static void publishMember(String memberId, String email, String... locationIds) {
        stack.topics().publish(Topics.FACILITY_MEMBERS, memberId, Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("member-" + memberId)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z")).setSource("directory-sync")
                        .setEntityVersion(1).setLocationId(locationIds[0]).setCorrelationId(memberId).build())
                .setMemberId(memberId).setEmail(email).setName(memberId).setLocationIds(List.of(locationIds))
                .build());
    }
}
