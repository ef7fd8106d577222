package com.deskpost.reliability.input;

import com.deskpost.devstack.SampleFacility;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.AfterHoursOverride;
import com.deskpost.events.BuildingIncident;
import com.deskpost.events.ContractorAccessGranted;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.KeycardRevoked;
import com.deskpost.events.Location;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.VisitorPreAuthorized;
import com.deskpost.platform.topic.Topics;
import com.deskpost.reliability.input.SinkWatcher.Arrival;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access mail under randomized load, judged at the SMTP sink by an oracle written from DESIGN §4
 * (not from the composer or {@code AccessScope}): credential, door and after-hours mail goes to the
 * member it concerns, visitor and contractor mail to the sponsor, incident notices to members of
 * that location; the location's staff (its staff mailbox, its staff members) may receive any of
 * them; a credential value appears only in mail to its holder (a master keycode only to a staff
 * member of that location), never in a staff notice; one recipient per mail.
 */
final class AccessScopeLoad {

    private static final int EVENTS = Integer.getInteger("reliability.security.access-events", 2_000);
    private static final int MEMBERS = 80;
    private static final List<Location> LOCATIONS = List.of(
            location("ACC-1", "Deskpost Access One", "London", "GB", "Europe/London", "UK"),
            location("ACC-2", "Deskpost Access Two", "Berlin", "DE", "Europe/Berlin", "EU"),
            location("ACC-3", "Deskpost Access Three", "New York", "US", "America/New_York", "US"));
    private static final Pattern TOKEN = Pattern.compile("EV\\d{5}Q");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)9\\d{7}(?!\\d)");

    /** One event as the oracle sees it. */
    private record Sent(String token, String type, String memberId, String locationId, String code) {
    }

    private final Random random;
    private final Map<String, Member> directory = new LinkedHashMap<>();
    private final Map<String, Sent> byToken = new HashMap<>();
    private final Map<String, Sent> byCode = new HashMap<>();
    private final Set<String> codesUsed = new HashSet<>();

    AccessScopeLoad(Random random) {
        this.random = random;
    }

    static List<Location> locations() {
        return LOCATIONS;
    }

    /** The random directory: members and staff at zero to two locations, some suspended or gone. */
    void seed(InputStack input) {
        for (Location location : LOCATIONS) {
            input.publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        for (int n = 0; n < MEMBERS; n++) {
            String id = "ACM-" + n;
            List<String> at = new ArrayList<>();
            int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2);
            while (at.size() < count) {
                String location = LOCATIONS.get(random.nextInt(LOCATIONS.size())).getLocationId();
                if (!at.contains(location)) {
                    at.add(location);
                }
            }
            int status = random.nextInt(10);
            Member member = Member.newBuilder(SampleFacility.member(id, "Access " + n, "acm-" + n + "@access.example",
                            "en-GB", "ACC-1"))
                    .setLocationIds(at)
                    .setRole(random.nextInt(5) == 0 ? MemberRole.STAFF : MemberRole.MEMBER)
                    .setStatus(status == 0 ? MemberStatus.SUSPENDED : status == 1 ? MemberStatus.LEFT : MemberStatus.ACTIVE)
                    .build();
            directory.put(id, member);
            input.send(Topics.FACILITY_MEMBERS, id, member);
        }
        input.flush();
    }

    /** Publishes the random events; returns how many. */
    int publish(InputStack input) {
        List<String> ids = new ArrayList<>(directory.keySet());
        for (int n = 0; n < EVENTS; n++) {
            String token = "EV%05dQ".formatted(n);
            String member = random.nextInt(12) == 0 ? "ACM-UNKNOWN-" + n : ids.get(random.nextInt(ids.size()));
            String location = random.nextInt(30) == 0 ? "ACC-NOWHERE"
                    : LOCATIONS.get(random.nextInt(LOCATIONS.size())).getLocationId();
            int pick = random.nextInt(100);
            String code = null;
            Object payload;
            String type;
            Instant now = Instant.now();
            if (pick < 15) {
                type = "keycard_provisioned";
                payload = KeycardProvisioned.newBuilder().setKeycardId("KC-" + token).setValidFrom(now).build();
            } else if (pick < 25) {
                type = "keycard_revoked";
                payload = KeycardRevoked.newBuilder().setKeycardId("KC-" + token).setReason("Lost " + token).build();
            } else if (pick < 45) {
                type = "door_code_changed";
                code = code();
                payload = DoorCodeChanged.newBuilder().setDoorId("D-" + token).setDoorName("Door " + token)
                        .setNewCode(code).setEffectiveFrom(now).build();
            } else if (pick < 55) {
                type = "after_hours_access";
                payload = AfterHoursAccess.newBuilder().setDoorId("D-" + token).setDoorName("Door " + token)
                        .setAccessedAt(now).build();
            } else if (pick < 72) {
                type = "visitor_pre_authorized";
                code = code();
                payload = VisitorPreAuthorized.newBuilder().setVisitorName("Visitor " + token)
                        .setVisitorEmail("visitor-" + n + "@guests.example").setValidFrom(now)
                        .setValidUntil(now.plus(Duration.ofHours(4))).setAccessCode(code).build();
            } else if (pick < 87) {
                type = "contractor_access_granted";
                code = code();
                payload = ContractorAccessGranted.newBuilder().setContractorName("Contractor " + token)
                        .setCompany("Fixit " + token).setValidFrom(now).setValidUntil(now.plus(Duration.ofHours(8)))
                        .setAccessCode(code).build();
            } else if (pick < 93) {
                type = "master_keycode_reset";
                code = code();
                payload = MasterKeycodeReset.newBuilder().setNewKeycode(code).setResetBy("Reset " + token)
                        .setEffectiveFrom(now).build();
            } else if (pick < 97) {
                type = "after_hours_override";
                payload = AfterHoursOverride.newBuilder().setDoorId("D-" + token).setDoorName("Door " + token)
                        .setAuthorisedBy("Override " + token).setWindowStart(now)
                        .setWindowEnd(now.plus(Duration.ofHours(2))).setReason("Reason " + token).build();
            } else {
                type = "building_incident";
                payload = BuildingIncident.newBuilder().setIncidentId("INC-" + token).setSummary("Incident " + token)
                        .setDetails("Details of incident " + token).build();
            }
            Sent sent = new Sent(token, type, member, location, code);
            byToken.put(token, sent);
            if (code != null) {
                byCode.put(code, sent);
            }
            AccessEvent event = SampleFacility.access(member, location, n + 1, payload);
            input.send(Topics.FACILITY_ACCESS, member, event);
        }
        input.flush();
        return EVENTS;
    }

    private String code() {
        String code;
        do {
            code = "9" + "%07d".formatted(random.nextInt(10_000_000));
        } while (!codesUsed.add(code));
        return code;
    }

    /** Addresses of everyone the run knows, to look each message up in the SMTP envelopes. */
    Set<String> knownAddresses() {
        Set<String> all = new HashSet<>();
        directory.values().forEach(member -> all.add(member.getEmail()));
        LOCATIONS.forEach(location -> all.add(location.getStaffMailbox()));
        return all;
    }

    /** Judges every access mail at the sink; returns figures, adds a violation per leak kind (with examples). */
    Map<String, Object> judge(InputStack input, List<Arrival> arrivals, List<String> violations) {
        long judged = 0;
        long unattributed = 0;
        long wrongRecipient = 0;
        long credentialLeaks = 0;
        long multiRecipient = 0;
        long withCredential = 0;
        List<String> examples = new ArrayList<>();
        Map<String, Location> locations = new HashMap<>();
        LOCATIONS.forEach(location -> locations.put(location.getLocationId(), location));
        for (Arrival arrival : arrivals) {
            String text = SinkWatcher.text(arrival.message()) + "\n" + arrival.subject();
            Matcher tokens = TOKEN.matcher(text);
            Set<String> found = new HashSet<>();
            while (tokens.find()) {
                found.add(tokens.group());
            }
            Matcher codes = CODE.matcher(text);
            Set<String> foundCodes = new HashSet<>();
            while (codes.find()) {
                if (byCode.containsKey(codes.group())) {
                    foundCodes.add(codes.group());
                }
            }
            if (found.isEmpty() && foundCodes.isEmpty()) {
                if (arrival.firstTo().endsWith("@access.example") || arrival.firstTo().contains("acc-")) {
                    unattributed++;
                }
                continue;
            }
            judged++;
            if (arrival.to().size() != 1) {
                multiRecipient++;
                examples.add("to " + arrival.to() + ": " + arrival.subject());
            }
            String to = arrival.firstTo();
            for (String token : found) {
                Sent sent = byToken.get(token);
                if (!mayReceive(sent, to, locations)) {
                    wrongRecipient++;
                    if (examples.size() < 8) {
                        examples.add(sent.type() + " " + token + " of " + sent.memberId() + " at " + sent.locationId()
                                + " reached " + to + " ('" + arrival.subject() + "')");
                    }
                }
            }
            for (String code : foundCodes) {
                withCredential++;
                Sent sent = byCode.get(code);
                if (!isHolder(sent, to)) {
                    credentialLeaks++;
                    if (examples.size() < 8) {
                        examples.add("credential of " + sent.type() + " " + sent.token() + " (holder " + sent.memberId()
                                + ") reached " + to + " ('" + arrival.subject() + "')");
                    }
                }
            }
        }
        // one message, one envelope recipient: no list, no Bcc
        long envelopes = 0;
        for (String address : knownAddresses()) {
            envelopes += input.stack.smtp().messagesTo(address).size();
        }
        long messages = arrivals.stream().filter(a -> knownAddresses().contains(a.firstTo())).count();
        if (envelopes != messages) {
            violations.add("access mail: " + envelopes + " envelope deliveries for " + messages
                    + " messages: some message had more than one recipient");
        }
        if (wrongRecipient + credentialLeaks + multiRecipient > 0) {
            violations.add("access mail left its scope: " + wrongRecipient + " to a person the rules exclude, "
                    + credentialLeaks + " credentials to someone other than their holder, " + multiRecipient
                    + " with several recipients; e.g. " + examples);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("access_events", EVENTS);
        figures.put("access_mails_judged", judged);
        figures.put("access_mails_with_credential", withCredential);
        figures.put("access_leaks", wrongRecipient + credentialLeaks + multiRecipient);
        figures.put("access_unattributed", unattributed);
        return figures;
    }

    private boolean mayReceive(Sent sent, String to, Map<String, Location> locations) {
        Location location = locations.get(sent.locationId());
        if (location == null) {
            return false; // an unknown location's event must not produce mail at all
        }
        if (location.getStaffMailbox().equalsIgnoreCase(to)) {
            return true;
        }
        Optional<Member> recipient = directory.values().stream().filter(m -> m.getEmail().equalsIgnoreCase(to)).findFirst();
        if (recipient.isEmpty()) {
            return false;
        }
        Member person = recipient.get();
        if (person.getRole() == MemberRole.STAFF && person.getLocationIds().contains(sent.locationId())) {
            return true;
        }
        if ("building_incident".equals(sent.type())) {
            return person.getLocationIds().contains(sent.locationId());
        }
        return person.getMemberId().equals(sent.memberId());
    }

    private boolean isHolder(Sent sent, String to) {
        Member holder = directory.get(sent.memberId());
        if (holder == null || !holder.getEmail().equalsIgnoreCase(to)) {
            return false;
        }
        return !"master_keycode_reset".equals(sent.type())
                || holder.getRole() == MemberRole.STAFF && holder.getLocationIds().contains(sent.locationId());
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static Location location(String id, String name, String city, String country, String zone,
            String jurisdiction) {
        return Location.newBuilder(SampleFacility.location(id, name, city, country, zone, jurisdiction))
                .setApprovers(List.of("ops")).build();
    }
}
