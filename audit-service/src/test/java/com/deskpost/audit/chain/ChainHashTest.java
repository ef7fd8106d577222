package com.deskpost.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The hash formats, written out here as an auditor would recompute them: format 2 binds the chain
 * and the position, format 1 (the legacy chain) does not and is unchanged, format 3 adds the processing
 * activity, lawful basis and purpose a row was recorded under.
 */
class ChainHashTest {

    private static final String PREV = "ab".repeat(32);
    private static final ChainHash.Fields ROW = new ChainHash.Fields("audit-1", "draft-1", "SENT", 1_740_992_400_123L,
            "delivery-service", "d1".repeat(32), "LDN-1", "booking:B-1", null, "<draft-1@example.com>", "d2".repeat(32),
            "{\"category\":\"TRANSACTIONAL\"}");

    @Test
    void formatTwoIsSha256OverTagChainPositionPrevAndFieldsLengthPrefixed() {
        // Given
        String expected = sha256("22:deskpost-audit-chain/2" + "12:mail.audit-2" + "2:17" + "64:" + PREV
                + "7:audit-1" + "7:draft-1" + "4:SENT" + "13:1740992400123" + "16:delivery-service"
                + "64:" + "d1".repeat(32) + "5:LDN-1" + "11:booking:B-1" + "-1:" + "21:<draft-1@example.com>"
                + "64:" + "d2".repeat(32) + "28:{\"category\":\"TRANSACTIONAL\"}");

        // When
        String hash = ChainHash.of("mail.audit-2", 17, PREV, ROW);

        // Then
        assertThat(hash).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void formatThreeAddsTheProcessingTheRowWasRecordedUnderAndCoversEachOfIt() {
        // Given
        ChainHash.Processing recorded = new ChainHash.Processing("event:booking_created", "CONTRACT", "Bookings");
        String expected = sha256("22:deskpost-audit-chain/3" + "12:mail.audit-2" + "2:17" + "64:" + PREV
                + "7:audit-1" + "7:draft-1" + "4:SENT" + "13:1740992400123" + "16:delivery-service"
                + "64:" + "d1".repeat(32) + "5:LDN-1" + "11:booking:B-1" + "-1:" + "21:<draft-1@example.com>"
                + "64:" + "d2".repeat(32) + "28:{\"category\":\"TRANSACTIONAL\"}"
                + "21:event:booking_created" + "8:CONTRACT" + "8:Bookings");

        // When
        String hash = ChainHash.of("mail.audit-2", 17, PREV, ROW, recorded);

        // Then
        assertThat(hash).isEqualTo(expected);
        assertThat(ChainHash.of("mail.audit-2", 17, PREV, ROW, null)).isEqualTo(ChainHash.of("mail.audit-2", 17, PREV, ROW))
                .isNotEqualTo(hash);
        assertThat(ChainHash.of("mail.audit-2", 17, PREV, ROW,
                new ChainHash.Processing("event:booking_created", "CONSENT", "Bookings"))).isNotEqualTo(hash);
        assertThat(ChainHash.of("mail.audit-2", 17, PREV, ROW,
                new ChainHash.Processing("event:booking_created", "CONTRACT", "Marketing"))).isNotEqualTo(hash);
        assertThat(ChainHash.of("mail.audit-2", 17, PREV, ROW,
                new ChainHash.Processing("category:TRANSACTIONAL", "CONTRACT", "Bookings"))).isNotEqualTo(hash);
        assertThat(ChainHash.of("mail.audit-2", 17, PREV, ROW,
                new ChainHash.Processing("event:booking_created", null, "Bookings"))).isNotEqualTo(hash);
        // A legacy row given processing columns is hashed in format 3 too, so it no longer matches its stored hash
        assertThat(ChainHash.of(ChainHash.LEGACY_CHAIN, 17, PREV, ROW, recorded))
                .isNotEqualTo(ChainHash.legacy(PREV, ROW));
        assertThat(ChainHash.Processing.ofColumns(null, null, null)).isNull();
        assertThat(ChainHash.Processing.ofColumns(null, "CONTRACT", null)).isNotNull();
    }

    @Test
    void theLegacyChainKeepsFormatOneWithoutChainOrPosition() {
        // Given
        String expected = sha256("64:" + PREV + "7:audit-1" + "7:draft-1" + "4:SENT" + "13:1740992400123"
                + "16:delivery-service" + "64:" + "d1".repeat(32) + "5:LDN-1" + "11:booking:B-1" + "-1:"
                + "21:<draft-1@example.com>" + "64:" + "d2".repeat(32) + "28:{\"category\":\"TRANSACTIONAL\"}");

        // When / Then
        assertThat(ChainHash.of(ChainHash.LEGACY_CHAIN, 17, PREV, ROW)).isEqualTo(expected)
                .isEqualTo(ChainHash.of(ChainHash.LEGACY_CHAIN, 18, PREV, ROW))
                .isEqualTo(ChainHash.legacy(PREV, ROW));
    }

    @Test
    void aRowMovedToAnotherChainOrPositionNoLongerMatches() {
        String hash = ChainHash.of("mail.audit-2", 17, PREV, ROW);

        assertThat(ChainHash.of("mail.audit-3", 17, PREV, ROW)).isNotEqualTo(hash);
        assertThat(ChainHash.of("mail.audit-2", 18, PREV, ROW)).isNotEqualTo(hash);
        // Text cannot move between the chain id and the position either.
        assertThat(ChainHash.of("mail.audit-21", 7, PREV, ROW)).isNotEqualTo(hash);
    }

    @Test
    void aChainIsNamedByTopicAndPartition() {
        assertThat(ChainHash.chainOfPartition("mail.audit", 3)).isEqualTo("mail.audit-3");
        assertThat(ChainHash.GENESIS).isEqualTo("0".repeat(64));
    }

    @Test
    void aSealNeedsTheSecretAndCoversEveryField() {
        ChainSeal seal = new ChainSeal("a-secret-of-at-least-32-characters-long");
        String sealed = seal.seal("checkpoint", "mail.audit-2", "17", PREV);

        assertThat(seal.verifies(sealed, "checkpoint", "mail.audit-2", "17", PREV)).isTrue();
        assertThat(seal.verifies(sealed, "checkpoint", "mail.audit-2", "18", PREV)).isFalse();
        assertThat(new ChainSeal("another-secret-of-at-least-32-characters").verifies(sealed, "checkpoint",
                "mail.audit-2", "17", PREV)).isFalse();
        assertThat(seal.verifies(null, "checkpoint")).isFalse();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
