package com.deskpost.oversight.ops;


import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import java.util.List;
import java.util.UUID;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;

/**
 * Drafts the composers would write that oversight holds: a master keycode reset (floor gated_send)
 * and an inquiry reply (floor gated_all).
 */
final class GatedDrafts {

    /** Sealing as the composers do; the private half is delivery's, not oversight's. */
    private static final CredentialSealer SEALER =
            new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()));

    private GatedDrafts() {
    }

    /**
     * The code is a credential: as the composers write it, the text shows its placeholder and the draft
     * carries it only sealed, so the code itself is nowhere oversight could show it.
     */
    static EmailDraft keycodeReset(String locationId, String recipient, String code) {
        return keycodeReset(locationId, recipient, code, null);
    }

    /** @param requested the mode the composer asks for; {@code null} for none */
    static EmailDraft keycodeReset(String locationId, String recipient, String code, OversightMode requested) {
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).eventType("master_keycode_reset").at(locationId)
                .requesting(requested).to(recipient).subject("Your master keycode at " + locationId + " was reset")
                .bodyText("Hello,\nthe master keycode is now ⟦credential 1⟧.\nIt works from 07:00 tomorrow.")
                .secrets(SEALER.seal(code, locationId, null)).build();
        return EmailDraft.newBuilder(draft).setTemplate("master-keycode-reset").setCategory(EmailCategory.SECURITY)
                .setRequestedBy("access-composer").setSupersedeKey("access:" + draft.getDraftId()).build();
    }

    static EmailDraft inquiryReply(String locationId, String recipient) {
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).eventType("inquiry_reply").at(locationId)
                .to(recipient).subject("Re: your tour request")
                .bodyText("Hello,\n\nthanks for asking about a tour.\nWe can show you around on Tuesday.\n").build();
        return EmailDraft.newBuilder(draft).setTemplate("inquiry-reply").setRequestedBy("community-composer")
                .setSupersedeKey("inquiry:" + draft.getDraftId()).build();
    }
}
