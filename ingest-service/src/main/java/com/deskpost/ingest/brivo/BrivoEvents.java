package com.deskpost.ingest.brivo;

import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.IncidentSeverity;
import com.deskpost.ingest.vendor.AccessOutcome;
import com.deskpost.ingest.vendor.AccessOutcome.Ignored;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.OpeningHours;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Brivo event, as an event subscription posts it ({@code {"uuid", "securityAction": {"action", "exception"},
 * "actor": {"id", "name"}, "eventObject": {"id", "name", "deviceType": {"name"}}, "site": {"id", "siteName"},
 * "occurred", "eventData": {"actionAllowed", ...}}}, apidocs.brivo.com "Events" and "Event Subscription"), as a
 * facility.access event:
 * <ul>
 * <li>an exception whose {@code securityAction.action} says the door was forced (any action containing "forced", in
 * any case, e.g. "Door Forced Open") is a {@link BuildingIncident} of severity INFO for the site;
 * <li>an allowed access ({@code eventData.actionAllowed} true) through a door ({@code eventObject.deviceType.name}
 * "Door") by a user (an actor, in an action that is not an administrator's: "Administrator Pulse Output" is an admin
 * opening the door remotely) outside the site's configured opening hours is an {@link AfterHoursAccess} for that
 * user; within them, or at a site without hours, it is ignored;
 * <li>everything else is ignored with the reason, credential assignments included: Brivo documents its audit events
 * only by their actor (the administrator) and action, not which credential was assigned to or removed from which
 * user, so they cannot be told apart reliably.
 * </ul>
 * The header's {@code occurred_at} is Brivo's {@code occurred}, when it happened, however late Brivo delivers it; it
 * is also the entity version. Brivo's access events carry no credential value, so nothing needs sealing.
 */
final class BrivoEvents {

    private static final String VENDOR = BrivoIds.VENDOR;
    private static final String DOOR = "Door";
    private static final String ADMINISTRATOR = "administrator";

    private final BrivoIds ids;
    private final Map<String, OpeningHours> hours;

    BrivoEvents(BrivoIds ids) {
        this.ids = ids;
        this.hours = ids.properties().hours();
    }

    AccessOutcome map(JsonNode event) {
        String uuid = Fields.text(event, "$", "uuid");
        JsonNode security = Fields.object(event, "$", "securityAction");
        String action = Fields.text(security, "$.securityAction", "action");
        Instant occurred = Fields.dateTime(event, "$", "occurred", null);
        String lower = action.toLowerCase(Locale.ROOT);
        if (lower.contains("forced")) {
            if (!isTrue(security, "exception")) {
                return new Ignored("Brivo event " + uuid + " (" + action + ") is not an exception "
                        + "($.securityAction.exception is not true), so it reports no forced door");
            }
            return forced(event, uuid, action, occurred);
        }
        if (isTrue(event.path("eventData"), "actionAllowed") && DOOR.equalsIgnoreCase(
                event.path("eventObject").path("deviceType").path("name").asString(""))) {
            return afterHours(event, uuid, action, occurred);
        }
        if (lower.contains("credential")) {
            return new Ignored("Brivo event " + uuid + " (" + action + ") is not mapped: Brivo documents its audit "
                    + "events by actor (the administrator) and action only, not which credential was assigned to or "
                    + "removed from which user, so Deskpost cannot tell whose keycard changed");
        }
        return new Ignored("Brivo event " + uuid + " (" + action + ") is not mapped (mapped: a user's allowed access "
                + "through a door outside the site's opening hours, and a door forced open)");
    }

    private AccessOutcome forced(JsonNode event, String uuid, String action, Instant occurred) {
        String site = site(event);
        String door = door(event);
        String siteName = Fields.optionalText(event.path("site"), "$.site", "siteName").orElse(site);
        BuildingIncident incident = BuildingIncident.newBuilder().setIncidentId("brivo-" + uuid)
                .setSeverity(IncidentSeverity.INFO).setSummary("Door forced open: " + door)
                .setDetails("Brivo reported the door " + door + " at " + siteName + " forced open at " + occurred
                        + " (" + action + ").").build();
        // An incident concerns the site, not a member; the key names the site so its notices stay in order.
        return AccessOutcome.mapped(VENDOR, uuid, occurred, ids.location(site), VENDOR + "-site-" + site, incident);
    }

    private AccessOutcome afterHours(JsonNode event, String uuid, String action, Instant occurred) {
        if (!event.hasNonNull("actor")) {
            return new Ignored("Brivo event " + uuid + " (" + action + ") names no actor: no user opened the door");
        }
        if (action.toLowerCase(Locale.ROOT).startsWith(ADMINISTRATOR)) {
            return new Ignored("Brivo event " + uuid + " (" + action + ") is an administrator's action, not a "
                    + "user's own entry");
        }
        String site = site(event);
        OpeningHours open = hours.get(site);
        if (open == null) {
            return new Ignored("Brivo site " + site + " has no opening hours (deskpost.ingest.brivo.opening-hours."
                    + site + "), so no access there is after hours");
        }
        if (!open.isAfterHours(occurred)) {
            return new Ignored("Brivo access " + uuid + " at " + occurred + " is within opening hours " + open);
        }
        String user = Fields.numberOrText(Fields.object(event, "$", "actor"), "$.actor", "id");
        // Brivo's event names the user by id and name only: no email to find the member by.
        AfterHoursAccess payload = AfterHoursAccess.newBuilder().setDoorId(doorId(event)).setDoorName(door(event))
                .setAccessedAt(occurred).build();
        return AccessOutcome.mapped(VENDOR, uuid, occurred, ids.location(site), ids.member(user, null), payload);
    }

    private static String site(JsonNode event) {
        return Fields.numberOrText(Fields.object(event, "$", "site"), "$.site", "id");
    }

    private static String doorId(JsonNode event) {
        return Fields.numberOrText(Fields.object(event, "$", "eventObject"), "$.eventObject", "id");
    }

    /** The door's name: the event object's, else the event data's, else its id. */
    private static String door(JsonNode event) {
        JsonNode object = Fields.object(event, "$", "eventObject");
        return Fields.optionalText(object, "$.eventObject", "name")
                .or(() -> Fields.optionalText(event.path("eventData"), "$.eventData", "objectName"))
                .orElseGet(() -> doorId(event));
    }

    private static boolean isTrue(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        return node.isBoolean() && node.booleanValue();
    }
}
