package com.deskpost.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Agents make consent stricter, never looser. */
class ContactToolsTest {

    @Test
    void onlyChangesThatSendLessMailAreAllowed() {
        assertThat(ContactTools.restricts("unsubscribed", "add")).isTrue();
        assertThat(ContactTools.restricts("ccpa_opt_out", "add")).isTrue();
        assertThat(ContactTools.restricts("hard_bounced", "add")).isTrue();
        assertThat(ContactTools.restricts("opt_in", "remove")).isTrue();

        assertThat(ContactTools.restricts("opt_in", "add")).isFalse();
        assertThat(ContactTools.restricts("unsubscribed", "remove")).isFalse();
        assertThat(ContactTools.restricts("ccpa_opt_out", "remove")).isFalse();
        assertThat(ContactTools.restricts("hard_bounced", "remove")).isFalse();
    }
}
