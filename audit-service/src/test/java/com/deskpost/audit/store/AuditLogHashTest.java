package com.deskpost.audit.store;

import static com.deskpost.audit.testdata.AuditEventBuilder.anAuditEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.audit.chain.ChainHash;
import com.deskpost.audit.testdata.AuditDatabase;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented field of an audit row, the previous row's hash, and the row's chain and position are
 * covered by the row's hash.
 */
class AuditLogHashTest {

    private static final String PREV = "7f".repeat(32);
    private static final String CHAIN = "mail.audit-2";
    // Hashing needs no database: only the pseudonym key the personal fields' digests are made with.
    private static final AuditLog LOG = new AuditLog(null, null, null, AuditDatabase.PSEUDONYMS,
            AuditDatabase.PROCESSING);

    static Stream<Arguments> singleFieldChanges() {
        return Stream.of(
                change("audit_id", event -> event.setAuditId("audit-1b")),
                change("draft_id", event -> event.setDraftId("draft-1b")),
                change("type", event -> event.setType(AuditType.COPY_SENT)),
                change("occurred_at by one millisecond", event -> event.setOccurredAt(event.getOccurredAt().plusMillis(1))),
                change("actor", event -> event.setActor("oversight-policy")),
                change("recipient", event -> event.setRecipient("grace@example.com")),
                change("recipient removed", event -> event.setRecipient(null)),
                change("location_id", event -> event.setLocationId("BER-1")),
                change("location_id removed", event -> event.setLocationId(null)),
                change("thread_key", event -> event.setThreadKey("booking:B-9")),
                change("thread_key removed", event -> event.setThreadKey(null)),
                change("correlation_id", event -> event.setCorrelationId("corr-9")),
                change("correlation_id removed", event -> event.setCorrelationId(null)),
                change("message_id", event -> event.setMessageId("<other@shoreditch.deskpost.example>")),
                change("message_id removed", event -> event.setMessageId(null)),
                change("detail", event -> event.setDetail("Accepted by SMTP server.")),
                change("detail removed", event -> event.setDetail(null)),
                change("an attribute value", event -> event.setAttributes(Map.of("template", "booking-confirmation",
                        "category", "COMMERCIAL", "mode", "MONITORED"))),
                change("an attribute added", event -> event.setAttributes(Map.of("template", "booking-confirmation",
                        "category", "TRANSACTIONAL", "mode", "MONITORED", "cause", "mail.outbound-0@7"))),
                change("an attribute removed", event -> event.setAttributes(Map.of("template", "booking-confirmation",
                        "category", "TRANSACTIONAL"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleFieldChanges")
    void changingOneFieldChangesTheHash(String field, UnaryOperator<AuditEvent.Builder> change) {
        // Given
        AuditEvent original = anAuditEvent(1).build();
        AuditEvent changed = change.apply(AuditEvent.newBuilder(original)).build();

        // When / Then
        assertThat(hash(PREV, changed)).isNotEqualTo(hash(PREV, original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleFieldChanges")
    void aFieldThatWasEmptyIsCoveredOnceItHasAValue(String field, UnaryOperator<AuditEvent.Builder> change) {
        // Given: every optional field empty
        AuditEvent sparse = anAuditEvent(1).setRecipient(null).setLocationId(null).setThreadKey(null)
                .setCorrelationId(null).setMessageId(null).setDetail(null).build();
        AuditEvent changed = change.apply(AuditEvent.newBuilder(sparse)).build();
        if (changed.equals(sparse)) {
            return; // "removed" changes leave an already empty field as it was
        }

        // When / Then
        assertThat(hash(PREV, changed)).isNotEqualTo(hash(PREV, sparse));
    }

    @Test
    void changingThePreviousHashChangesTheHash() {
        // Given
        AuditEvent event = anAuditEvent(1).build();

        // When / Then
        assertThat(hash("7e" + PREV.substring(2), event)).isNotEqualTo(hash(PREV, event));
        assertThat(hash(AuditLog.GENESIS, event)).isNotEqualTo(hash(PREV, event));
    }

    @Test
    void theSameRowInAnotherChainOrAtAnotherPositionHasAnotherHash() {
        // Given
        AuditEvent event = anAuditEvent(1).build();
        String attributes = AuditLog.canonicalAttributes(event);

        // When / Then: a row copied into another chain, or moved within its own, no longer matches its hash
        assertThat(LOG.hash("mail.audit-3", 7, PREV, event, attributes)).isNotEqualTo(hash(PREV, event));
        assertThat(LOG.hash(CHAIN, 8, PREV, event, attributes)).isNotEqualTo(hash(PREV, event));
        assertThat(LOG.hash("legacy", 7, PREV, event, attributes)).isNotEqualTo(hash(PREV, event));
    }

    @Test
    void rowsOfTheLegacyChainKeepTheFormatTheyWereStoredWith() {
        // Given a row of the legacy chain: stored before chains, so before records of processing too
        AuditEvent event = anAuditEvent(1).build();
        String attributes = AuditLog.canonicalAttributes(event);
        ChainHash.Fields row = new ChainHash.Fields(event.getAuditId(), event.getDraftId(), event.getType().name(),
                event.getOccurredAt().toEpochMilli(), event.getActor(), LOG.recipientDigest(event.getRecipient()),
                event.getLocationId(), event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                LOG.digest(event.getDetail()), attributes);

        // When / Then: format 1, which binds neither chain nor position
        assertThat(ChainHash.of(ChainHash.LEGACY_CHAIN, 7, PREV, row, null))
                .isEqualTo(ChainHash.of(ChainHash.LEGACY_CHAIN, 8, PREV, row, null))
                .isEqualTo(AuditLog.chainHash(PREV, event.getAuditId(), event.getDraftId(), event.getType().name(),
                        event.getOccurredAt().toEpochMilli(), event.getActor(), LOG.recipientDigest(event.getRecipient()),
                        event.getLocationId(), event.getThreadKey(), event.getCorrelationId(), event.getMessageId(),
                        LOG.digest(event.getDetail()), attributes));
    }

    @Test
    void theHashIsADeterministicSha256InLowerCaseHex() {
        // Given
        AuditEvent event = anAuditEvent(1).build();

        // When
        String hash = hash(PREV, event);

        // Then
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(hash(PREV, anAuditEvent(1).build()));
        assertThat(AuditLog.GENESIS).isEqualTo("0000000000000000000000000000000000000000000000000000000000000000");
    }

    @Test
    void attributesAreCanonicalWhateverTheirOrder() {
        // Given
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("template", "booking-confirmation");
        oneOrder.put("category", "TRANSACTIONAL");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("category", "TRANSACTIONAL");
        otherOrder.put("template", "booking-confirmation");

        // When
        String one = AuditLog.canonicalAttributes(anAuditEvent(1).setAttributes(oneOrder).build());
        String other = AuditLog.canonicalAttributes(anAuditEvent(1).setAttributes(otherOrder).build());

        // Then
        assertThat(one).isEqualTo(other).isEqualTo("{\"category\":\"TRANSACTIONAL\",\"template\":\"booking-confirmation\"}");
    }

    private static Arguments change(String field, UnaryOperator<AuditEvent.Builder> change) {
        return Arguments.of(field, change);
    }

    private static String hash(String prev, AuditEvent event) {
        return LOG.hash(CHAIN, 7, prev, event, AuditLog.canonicalAttributes(event));
    }

    @Test
    void textCannotMoveBetweenNeighbouringFieldsUnnoticed() {
        AuditEvent one = anAuditEvent(1).build();
        one.setThreadKey("a\u001fb");
        one.setCorrelationId("c");
        AuditEvent other = anAuditEvent(1).build();
        other.setThreadKey("a");
        other.setCorrelationId("b\u001fc");

        assertThat(LOG.hash(CHAIN, 7, PREV, one, "{}")).isNotEqualTo(LOG.hash(CHAIN, 7, PREV, other, "{}"));
    }

    @Test
    void aMissingValueIsNotTheTextNull() {
        AuditEvent missing = anAuditEvent(1).build();
        missing.setDetail(null);
        AuditEvent text = anAuditEvent(1).build();
        text.setDetail("null");

        assertThat(LOG.hash(CHAIN, 7, PREV, missing, "{}")).isNotEqualTo(LOG.hash(CHAIN, 7, PREV, text, "{}"));
    }
}
