package com.deskpost.platform.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DraftIdsTest {

    @Test
    void theSameEventTemplateAndRecipientAlwaysGiveTheSameDraftId() {
        String first = DraftIds.draftId("e-1", "booking-confirmation", "ada@example.com");

        assertThat(DraftIds.draftId("e-1", "booking-confirmation", "ada@example.com")).isEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(3);
    }

    @Test
    void theRecipientIsComparedAsANormalisedAddress() {
        assertThat(DraftIds.draftId("e-1", "t", " Ada@Example.COM "))
                .isEqualTo(DraftIds.draftId("e-1", "t", "ada@example.com"));
    }

    @Test
    void anyDifferentPartGivesADifferentId() {
        String id = DraftIds.draftId("e-1", "t", "ada@example.com");

        assertThat(DraftIds.draftId("e-2", "t", "ada@example.com")).isNotEqualTo(id);
        assertThat(DraftIds.draftId("e-1", "u", "ada@example.com")).isNotEqualTo(id);
        assertThat(DraftIds.draftId("e-1", "t", "grace@example.com")).isNotEqualTo(id);
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertThat(DraftIds.nameBased("ab", "c")).isNotEqualTo(DraftIds.nameBased("a", "bc"));
        assertThat(DraftIds.nameBased("a|", "b")).isNotEqualTo(DraftIds.nameBased("a", "|b"));
    }
}
