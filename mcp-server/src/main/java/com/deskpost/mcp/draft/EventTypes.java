package com.deskpost.mcp.draft;

import com.deskpost.events.EmailCategory;
import java.util.List;
import java.util.Map;

/**
 * The event types an agent may send mail as, per category. The event type chooses the oversight
 * floor (oversight-service.yml), so an agent cannot label security mail as something laxer: security
 * mail must use an access event type, and each of those must name the member it is about and pass
 * the access scoping policy. {@code agent_message} and {@code agent_announcement} are for mail that
 * answers no facility event; operators may give them floors of their own.
 */
public final class EventTypes {

    public static final Map<EmailCategory, List<String>> BY_CATEGORY = Map.of(
            EmailCategory.TRANSACTIONAL, List.of("agent_message", "booking_created", "booking_modified",
                    "booking_cancelled", "booking_reminder", "renewal_upcoming", "payment_succeeded", "payment_failed",
                    "invoice_issued", "membership_cancelled", "inquiry_reply"),
            EmailCategory.SECURITY, List.of("keycard_provisioned", "keycard_revoked", "door_code_changed",
                    "after_hours_access", "master_keycode_reset", "after_hours_override", "visitor_pre_authorized",
                    "contractor_access_granted", "building_incident"),
            EmailCategory.COMMERCIAL, List.of("agent_announcement", "community_announcement",
                    "promotional_announcement"));

    private EventTypes() {
    }

    public static List<String> of(EmailCategory category) {
        return BY_CATEGORY.get(category);
    }
}
