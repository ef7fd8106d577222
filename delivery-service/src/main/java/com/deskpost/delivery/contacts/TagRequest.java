package com.deskpost.delivery.contacts;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A consent tag to add to or remove from a contact.
 *
 * @param tag unsubscribed, opt_in, ccpa_opt_out or hard_bounced
 * @param action ADDED or REMOVED
 * @param source where the change comes from, e.g. the CRM that recorded it; contacts-api when absent
 */
@Schema(description = "A consent tag to add to or remove from a contact")
public record TagRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"unsubscribed", "opt_in", "ccpa_opt_out", "hard_bounced"}) String tag,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"ADDED", "REMOVED"}) String action,
        @Schema(description = "Where the change comes from (letters, digits, . _ : -); default contacts-api",
                example = "crm-sync") String source) {
}
