package com.deskpost.oversight.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text oversight mails to staff shows credentials so that delivery has nothing to fill in. */
class StaffTextTest {

    @Test
    void placeholdersBecomeLabelsDeliveryDoesNotFill() {
        // Given a held draft's preview with two credentials
        String preview = "Door " + CredentialPlaceholders.of(1) + ", master " + CredentialPlaceholders.of(12) + ".";

        // When it is put into a staff alert
        String staff = StaffText.of(preview);

        // Then staff read which credential stood there, and no placeholder is left for delivery to fill
        assertThat(staff).isEqualTo("Door [credential 1], master [credential 12].");
        assertThat(CredentialPlaceholders.contains(staff)).isFalse();
        assertThat(CredentialPlaceholders.fill(staff, List.of(), v -> v)).isEqualTo(staff);
        assertThat(StaffText.of(null)).isNull();
    }

    @Test
    void theQueueKeepsADraftsTextAsItIsButMasksAClearSecretOfADraftComposedBeforeSealing() {
        String sealed = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()))
                .seal("4821", "LDN-1", "M-ADA");

        // A draft as composers now write it: kept as it is, placeholder and all
        assertThat(StaffText.held("Code " + CredentialPlaceholders.of(1), List.of(sealed)))
                .isEqualTo("Code " + CredentialPlaceholders.of(1));
        // A draft composed before sealing, still on a drafts topic during an upgrade: its clear code is masked
        assertThat(StaffText.held("Code 4821-7730 and 4821", List.of("4821", "4821-7730")))
                .isEqualTo("Code " + Secrets.MASK + " and " + Secrets.MASK);
    }
}
