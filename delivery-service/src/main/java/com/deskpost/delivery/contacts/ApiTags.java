package com.deskpost.delivery.contacts;

import com.deskpost.platform.api.InvalidRequest;
import com.deskpost.platform.consent.ConsentTag;
import java.util.List;

/**
 * The consent tags the contacts API knows. All of them can be listed by; all but {@code erased}
 * can be set: erasure also pseudonymises the audit trail and the ledger, so it has an endpoint of
 * its own and cannot be undone by removing a tag.
 */
final class ApiTags {

    static final List<String> SETTABLE = List.of(ConsentTag.UNSUBSCRIBED, ConsentTag.OPT_IN, ConsentTag.CCPA_OPT_OUT,
            ConsentTag.HARD_BOUNCED, ConsentTag.SOFT_BOUNCED, ConsentTag.COMPLAINED);
    static final List<String> LISTABLE = List.of(ConsentTag.UNSUBSCRIBED, ConsentTag.OPT_IN, ConsentTag.CCPA_OPT_OUT,
            ConsentTag.HARD_BOUNCED, ConsentTag.SOFT_BOUNCED, ConsentTag.COMPLAINED, ConsentTag.ERASED);

    private ApiTags() {
    }

    static String settable(String tag) {
        if (ConsentTag.ERASED.equals(tag)) {
            throw new InvalidRequest("tag", "'erased' cannot be set or removed here: to erase a contact, "
                    + "POST /api/v1/contacts/{email}/erasure (it also pseudonymises the audit trail and cannot be undone).");
        }
        if (tag == null || !SETTABLE.contains(tag)) {
            throw new InvalidRequest("tag", "tag must be one of " + String.join(", ", SETTABLE) + ", not '" + tag + "'.");
        }
        return tag;
    }

    static String listable(String tag) {
        if (!LISTABLE.contains(tag)) {
            throw new InvalidRequest("tag", "tag must be one of " + String.join(", ", LISTABLE) + ", not '" + tag + "'.");
        }
        return tag;
    }
}
