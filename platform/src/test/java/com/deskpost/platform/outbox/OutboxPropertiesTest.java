package com.deskpost.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay's election settings: documented defaults, and a holder timeout its own checks can keep alive. */
class OutboxPropertiesTest {

    @Test
    void unsetElectionSettingsTakeTheDocumentedDefaults() {
        OutboxProperties settings = new OutboxProperties("oversight", null, null, null, null, null, null);

        assertThat(settings.takeoverInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.holderTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.transactionalId()).isEqualTo("deskpost-oversight-outbox-relay");
    }

    @Test
    void aHolderTimeoutTheHoldersOwnChecksCouldNotKeepAliveIsRefused() {
        // A holder checks its lock every takeover interval; a session idle-timed out between two checks would
        // lose the lock to PostgreSQL again and again.
        assertThatThrownBy(() -> new OutboxProperties("oversight", null, null, null, Duration.ofSeconds(5),
                Duration.ofSeconds(8), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holder-timeout");
    }
}
