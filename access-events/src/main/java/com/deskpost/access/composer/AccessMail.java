package com.deskpost.access.composer;

import com.deskpost.events.RecipientRole;

/**
 * Every access mail: the event type the oversight floors are configured by, its template, and who
 * it is addressed to. Only the holder's (or sponsor's) mail may carry the credential; the staff
 * notices of visitors and contractors never do.
 */
enum AccessMail {
    KEYCARD_PROVISIONED("keycard_provisioned", "access-keycard-provisioned", RecipientRole.MEMBER),
    KEYCARD_REVOKED("keycard_revoked", "access-keycard-revoked", RecipientRole.MEMBER),
    DOOR_CODE_CHANGED("door_code_changed", "access-door-code-changed", RecipientRole.MEMBER),
    AFTER_HOURS_ACCESS("after_hours_access", "access-after-hours-access", RecipientRole.MEMBER),
    MASTER_KEYCODE_RESET("master_keycode_reset", "access-master-keycode-reset", RecipientRole.STAFF),
    AFTER_HOURS_OVERRIDE("after_hours_override", "access-after-hours-override", RecipientRole.MEMBER),
    VISITOR("visitor_pre_authorized", "access-visitor", RecipientRole.SPONSOR),
    VISITOR_STAFF_NOTICE("visitor_pre_authorized", "access-visitor-staff", RecipientRole.STAFF),
    CONTRACTOR("contractor_access_granted", "access-contractor", RecipientRole.SPONSOR),
    CONTRACTOR_STAFF_NOTICE("contractor_access_granted", "access-contractor-staff", RecipientRole.STAFF),
    BUILDING_INCIDENT("building_incident", "access-building-incident", RecipientRole.MEMBER);

    final String eventType;
    final String template;
    final RecipientRole role;

    AccessMail(String eventType, String template, RecipientRole role) {
        this.eventType = eventType;
        this.template = template;
        this.role = role;
    }
}
