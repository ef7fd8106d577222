package com.deskpost.audit.processing;

import static com.deskpost.audit.processing.LawfulBasis.CONSENT;
import static com.deskpost.audit.processing.LawfulBasis.CONTRACT;
import static com.deskpost.audit.processing.LawfulBasis.LEGAL_OBLIGATION;
import static com.deskpost.audit.processing.LawfulBasis.LEGITIMATE_INTERESTS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of processing Deskpost ships with: one entry per communication type its composers send, a default
 * per category for types not listed, one per audit row that concerns no mail, and one for what names nothing. The
 * operator is the controller and answers for the register: these are starting points chosen so that no mail goes
 * out on a basis weaker than the one its rules already enforce (commercial mail needs consent in delivery's gate,
 * so its basis is consent). Keys are event types (lower case), category and audit type names (upper case).
 */
final class DefaultRegister {

    private static final List<String> MEMBERS = List.of("members");
    private static final String CONTACT = "name and email address";
    private static final String SECURITY_INTEREST = "Legitimate interest in the security of the premises and of the"
            + " people in them; the notice goes only to the person concerned, their sponsor or the location's staff,"
            + " holds no more than the event needs, and is what people using an access-controlled building expect.";

    static final Map<String, ProcessingActivity> CATEGORIES = Map.of(
            "TRANSACTIONAL", activity(CONTRACT, "Mail the member's contract with the operator requires: bookings,"
                    + " billing, membership", "Sending it is part of providing the workspace the member contracted"
                    + " for.", MEMBERS, List.of(CONTACT, "details of the service the mail is about")),
            "SECURITY", activity(LEGITIMATE_INTERESTS, "Access control and building security notices",
                    SECURITY_INTEREST, List.of("members", "staff"), List.of(CONTACT, "access details")),
            "COMMERCIAL", activity(CONSENT, "Community news and promotions", "Marketing mail needs the recipient's"
                    + " opt-in (ePrivacy art. 13, GDPR art. 7): delivery sends it only with consent on record, and"
                    + " every mail carries a one-click unsubscribe.", MEMBERS,
                    List.of(CONTACT, "consent and topic preferences")));

    static final Map<String, ProcessingActivity> EVENT_TYPES = eventTypes();

    static final Map<String, ProcessingActivity> AUDIT_TYPES = Map.of(
            "AGENT_CALL", activity(LEGITIMATE_INTERESTS, "Accountability for what AI agents did through the MCP"
                    + " server", "Legitimate interest in being able to show what an automated agent did and on whose"
                    + " behalf (GDPR art. 5(2), 24); only the call's facts are kept, never message bodies.",
                    List.of("members", "staff", "prospects"), List.of("email address", "the tool called and its"
                            + " outcome")),
            "DECISION_REFUSED", activity(LEGITIMATE_INTERESTS, "Accountability of the approval of held mail",
                    "Legitimate interest in a record of refused approval attempts, to detect misuse of approval"
                            + " rights.", List.of("staff"), List.of("staff member id", "the reason refused")),
            "SENDER_PAUSED", activity(LEGITIMATE_INTERESTS, "Deliverability guardrail: pausing a sending domain",
                    "Legitimate interest in keeping the operator's mail deliverable; the row names a domain, not a"
                            + " person.", List.of("staff"), List.of("sending domain", "counts of bounces and"
                                    + " complaints")),
            "SENDER_RESUMED", activity(LEGITIMATE_INTERESTS, "Deliverability guardrail: resuming a sending domain",
                    "Legitimate interest in a record of who resumed mail and why.", List.of("staff"),
                    List.of("staff member id", "the reason given")),
            "BOUNCED", activity(LEGITIMATE_INTERESTS, "Handling delivery failures reported by mail providers",
                    "Legitimate interest in not mailing addresses that do not accept mail, and in the operator's"
                            + " standing with mail providers.", MEMBERS,
                    List.of("email address", "the provider's bounce report")),
            "COMPLAINED", activity(LEGITIMATE_INTERESTS, "Honouring spam complaints",
                    "Legitimate interest in sending nothing more to a person who complained; the address is"
                            + " suppressed at once.", MEMBERS, List.of("email address", "the complaint report")));

    static final ProcessingActivity UNCLASSIFIED = activity(LEGITIMATE_INTERESTS, "Operating the mail service: staff"
            + " alerts and audit rows that name no communication type", "Legitimate interest in running and"
            + " accounting for the mail service; the rows hold what the alert is about, no message body.",
            List.of("staff", "members"), List.of("email address", "what the alert is about"));

    private DefaultRegister() {
    }

    private static Map<String, ProcessingActivity> eventTypes() {
        Map<String, ProcessingActivity> types = new LinkedHashMap<>();
        List<String> booking = List.of(CONTACT, "booking details (room or desk, time, guests)");
        for (String type : List.of("booking_created", "booking_modified", "booking_cancelled", "booking_reminder")) {
            types.put(type, activity(CONTRACT, "Confirming, changing and reminding of the member's bookings",
                    "The member booked the space under their membership contract; the mail is how it is confirmed.",
                    List.of("members", "guests"), booking));
        }
        List<String> billing = List.of(CONTACT, "billing details (amounts, invoice lines, payment method, membership)");
        for (String type : List.of("renewal_upcoming", "payment_succeeded", "payment_failed", "invoice_issued",
                "membership_cancelled")) {
            types.put(type, activity(CONTRACT, "Billing the member's subscription: renewals, receipts, failed"
                    + " payments, invoices, cancellations", "Billing is part of the membership contract.", MEMBERS,
                    billing));
        }
        String credential = "Giving the member the means of entry the membership contract provides for.";
        types.put("keycard_provisioned", activity(CONTRACT, "Handing the member a new keycard", credential, MEMBERS,
                List.of(CONTACT, "access details (keycard number, zones)")));
        types.put("door_code_changed", activity(CONTRACT, "Telling the member a door code they use", credential,
                MEMBERS, List.of(CONTACT, "access credential (door code, sealed)")));
        types.put("keycard_revoked", security("Warning the member their keycard no longer opens doors", MEMBERS,
                "access details (keycard number, reason)"));
        types.put("after_hours_access", security("Telling the member their card opened a door out of hours, so"
                + " misuse of a lost card is noticed", MEMBERS, "access details (door, time)"));
        types.put("master_keycode_reset", security("Giving the location's staff the new master keycode",
                List.of("staff"), "access credential (master keycode, sealed)"));
        types.put("after_hours_override", security("Accounting for a door staff opened out of hours",
                List.of("members", "staff"), "access details (door, time, who opened it, reason)"));
        types.put("visitor_pre_authorized", security("Telling sponsor and staff of an expected visitor",
                List.of("visitors", "members", "staff"), "visitor's name, visit time, sponsor, access code (sealed)"));
        types.put("contractor_access_granted", security("Telling sponsor and staff of a contractor's access",
                List.of("contractors", "members", "staff"), "contractor's name and company, zones, period"));
        types.put("building_incident", activity(LEGITIMATE_INTERESTS, "Warning people at a location of an"
                + " incident (fire alarm, outage, flood)", "Legitimate interest in the safety of the people in the"
                + " building. Where health and safety law of the location obliges the operator to warn occupants,"
                + " set legal obligation (6(1)(c)) and name the law.", List.of("members", "staff"),
                List.of(CONTACT, "location", "incident details")));
        for (String type : List.of("community_announcement", "promotional_announcement", "agent_announcement")) {
            types.put(type, activity(CONSENT, "Community news, events and promotions of the operator",
                    "Sent only to members who opted in to the topic (GDPR art. 7, ePrivacy art. 13).", MEMBERS,
                    List.of(CONTACT, "consent and topic preferences")));
        }
        types.put("inquiry_reply", activity(CONTRACT, "Answering an inquiry about membership or a tour",
                "Steps taken at the person's request before entering into a contract (art. 6(1)(b), second case).",
                List.of("prospects"), List.of(CONTACT, "the inquiry's text")));
        types.put("unsubscribe_confirmation", activity(LEGAL_OBLIGATION, "Confirming that an unsubscribe took"
                + " effect", "GDPR art. 7(3) and 21(3) oblige the operator to act on the withdrawal or objection,"
                + " and art. 12(3) to inform the person of the action taken.", MEMBERS,
                List.of("email address", "the unsubscribe")));
        types.put("monitored_digest", activity(LEGITIMATE_INTERESTS, "Staff oversight of mail sent on the"
                + " operator's behalf", "Legitimate interest in staff seeing what automated mail went out; the"
                + " digest lists recipient and subject only.", List.of("staff", "members"),
                List.of("email address", "subject line")));
        types.put("approval_expired", activity(LEGITIMATE_INTERESTS, "Telling staff a held mail expired unsent",
                "Legitimate interest in staff knowing a mail they were to approve was not sent.",
                List.of("staff", "members"), List.of("email address", "subject line and preview")));
        return Map.copyOf(types);
    }

    private static ProcessingActivity security(String purpose, List<String> subjects, String details) {
        return activity(LEGITIMATE_INTERESTS, purpose, SECURITY_INTEREST, subjects, List.of(CONTACT, details));
    }

    private static ProcessingActivity activity(LawfulBasis basis, String purpose, String why, List<String> subjects,
            List<String> data) {
        return new ProcessingActivity(basis, purpose, why, subjects, data);
    }
}
