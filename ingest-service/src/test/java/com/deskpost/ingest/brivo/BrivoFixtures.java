package com.deskpost.ingest.brivo;

import java.util.UUID;

/**
 * Brivo event bodies written from the shape apidocs.brivo.com documents for access events ("Events", Access Events
 * Listing: uuid, securityAction {securityActionId, action, exception}, actor {id, name}, eventObject {id, name,
 * deviceType}, site {id, siteName}, occurred, processed, eventData {actorName, objectName, objectGroupName,
 * actionAllowed, ...}) and audit events (Audit Events Listing: no eventObject or site), one event per call as an
 * event subscription ("Event Subscription") posts it. Ids are numbers, dates ISO 8601 UTC ("API Overview").
 */
final class BrivoFixtures {

    private BrivoFixtures() {
    }

    /** A user's credential opening a door: allowed, no exception. */
    static String access(String uuid, long userId, long siteId, String occurred) {
        return door(uuid, "Valid Credential", false, true, userId, "Ada Brivo", siteId, occurred);
    }

    /** A door forced open: an exception naming no user. */
    static String forced(String uuid, long siteId, String occurred) {
        return """
                {"uuid": "%s",
                 "securityAction": {"securityActionId": 2004, "action": "Door Forced Open", "exception": true},
                 "eventObject": {"id": 408023599, "name": "Back Door", "deviceType": {"id": 1, "name": "Door"}},
                 "site": {"id": %d, "siteName": "Brivo Midtown"},
                 "occurred": "%s", "processed": "%s",
                 "eventData": {"objectName": "Back Door", "objectGroupName": "Brivo Midtown", "actionAllowed": false,
                               "objectTypeId": 2, "deviceTypeId": 1}}
                """.formatted(uuid, siteId, occurred, occurred);
    }

    static String door(String uuid, String action, boolean exception, boolean allowed, long actorId, String actor,
            long siteId, String occurred) {
        return """
                {"uuid": "%s",
                 "securityAction": {"securityActionId": 5001, "action": "%s", "exception": %b},
                 "actor": {"id": %d, "name": "%s"},
                 "eventObject": {"id": 408023598, "name": "Main Entrance", "deviceType": {"id": 1, "name": "Door"}},
                 "site": {"id": %d, "siteName": "Brivo Midtown"},
                 "occurred": "%s", "processed": "%s",
                 "eventData": {"actorName": "%s", "objectName": "Main Entrance", "objectGroupName": "Brivo Midtown",
                               "actionAllowed": %b, "objectTypeId": 2, "deviceTypeId": 1}}
                """.formatted(uuid, action, exception, actorId, actor, siteId, occurred, occurred, actor, allowed);
    }

    /** An audit (journal) event: an administrator's action, naming no door or site. */
    static String audit(String uuid, String action, String occurred) {
        return """
                {"uuid": "%s", "securityAction": {"securityActionId": 3005, "action": "%s", "exception": false},
                 "actor": {"id": 912347, "name": "Front Desk Admin"},
                 "occurred": "%s", "processed": "%s",
                 "eventData": {"actorName": "Front Desk Admin", "objectTypeId": 0}}
                """.formatted(uuid, action, occurred, occurred);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
