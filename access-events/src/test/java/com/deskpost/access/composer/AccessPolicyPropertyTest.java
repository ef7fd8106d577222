package com.deskpost.access.composer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.deskpost.access.testdata.AccessEvents;
import com.deskpost.access.testdata.TestDirectory;
import com.deskpost.events.AccessEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MemberRole;
import com.deskpost.events.MemberStatus;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.access.AccessScope;
import com.deskpost.platform.credential.AccessCredentials;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever the directory and whatever access events arrive, no access mail reaches
 * anyone outside DESIGN §4, and no credential reaches anyone but its holder. Thousands of random
 * events over hundreds of random directories (members and staff at zero to two locations, left
 * and suspended members, unknown members and locations) are composed, and every draft is checked
 * against an oracle written from the rules directly, not from the composer or {@link AccessScope}.
 * A second property checks the delivery-time policy itself: every composed draft, re-addressed to
 * a random person, is accepted by {@link AccessScope} exactly when the oracle allows that person.
 * A third: no draft holds a credential in clear, not even the holder's; the holder's sealed secret
 * opens (with a test private key) to the event's code for the draft's own location and member. Some
 * events arrive sealed by the facility system, and some sealed under a key Deskpost does not publish,
 * which are refused.
 *
 * <p>Generation is seeded (a failure names its seed and event, so it replays exactly). jqwik,
 * the property-testing library the team would normally reach for, asks in its 1.10 release that
 * AI coding agents not use it; this test was written by one, so it generates by hand.
 */
class AccessPolicyPropertyTest {

    private static final int DIRECTORIES = 300;
    private static final int EVENTS_PER_DIRECTORY = 20;
    private static final List<String> LOCATIONS = List.of("LDN", "BER", "SFO");

    private final CredentialKeys.PrivateKey key = CredentialKeys.generate("property-key");
    private final CredentialSealer sealer = new CredentialSealer(List.of(key.publicKey()));
    private final CredentialSealer foreign = new CredentialSealer(List.of(CredentialKeys.generate("foreign").publicKey()));
    private final CredentialOpener opener = new CredentialOpener(List.of(key));
    private final AccessComposer composer = new AccessComposer(new TemplateRenderer(getClass().getClassLoader()),
            sealer, LateReports.DEFAULTS, Clock.fixed(AccessEvents.AT, ZoneOffset.UTC));

    /** An event, the credential it carries in clear or sealed (null if none), and whether it is sealed under an unpublished key. */
    private record Generated(AccessEvent event, String code, boolean foreignKey) {
    }

    @Test
    void noComposedMailReachesAnyoneOutsideThePolicyAndNoCredentialAnyoneButItsHolder() {
        int events = 0;
        int drafts = 0;
        int withCredential = 0;
        int readdressed = 0;
        int facilitySealed = 0;
        int refusedKeys = 0;
        TreeMap<String, Integer> byType = new TreeMap<>();
        for (long seed = 1; seed <= DIRECTORIES; seed++) {
            Random random = new Random(seed);
            TestDirectory directory = randomDirectory(random);
            for (int i = 0; i < EVENTS_PER_DIRECTORY; i++) {
                Generated generated = randomEvent(random, directory, "s" + seed + "-e" + i);
                AccessEvent event = generated.event();
                String context = "seed " + seed + ", event " + i + ": " + event;
                events++;
                if (generated.code() != null && AccessCredentials.values(event).stream().noneMatch(generated.code()::equals)) {
                    facilitySealed++;
                }
                AccessComposer.Composition composition;
                try {
                    composition = composer.compose(event, directory);
                } catch (RejectedEvent rejected) {
                    if (generated.foreignKey()) {
                        refusedKeys++;
                        assertThat(rejected.getMessage()).as(context).contains("key id foreign");
                        continue;
                    }
                    assertThat(knowsBoth(event, directory)).as("rejected only for an unknown member or location; "
                            + context + " -> " + rejected.getMessage()).isFalse();
                    continue;
                }
                assertThat(generated.foreignKey()).as("a credential under an unpublished key is refused; " + context)
                        .isFalse();
                Oracle oracle = new Oracle(event, directory);
                for (EmailDraft draft : composition.drafts()) {
                    drafts++;
                    byType.merge(draft.getEventType(), 1, Integer::sum);
                    String to = DraftIds.normaliseEmail(draft.getRecipient().getEmail());
                    if (!oracle.mayReceive(to)) {
                        fail("Mail outside the policy: " + draft.getEventType() + " to " + to + "; " + context);
                    }
                    if (!draft.getSecrets().isEmpty()) {
                        withCredential++;
                        assertThat(oracle.isHolder(to)).as("credential to its holder only; " + context).isTrue();
                        // sealed for the draft's own location and member: delivery opens it to the event's code
                        assertThat(draft.getSecrets()).as(context).singleElement().satisfies(secret -> assertThat(
                                opener.open(secret, draft.getLocationId(), draft.getAboutMemberId()))
                                .as(context).isEqualTo(generated.code()));
                    }
                    if (generated.code() != null) {
                        assertThat(draft.toString()).as("a credential in clear in a draft; " + context)
                                .doesNotContain(generated.code());
                    }
                    readdressed += checkReaddressed(draft, random, directory, context);
                }
                for (AccessComposer.Withheld refusal : composition.refused()) {
                    String to = DraftIds.normaliseEmail(refusal.draft().getRecipient().getEmail());
                    assertThat(oracle.mayReceive(to)).as("refused only what the policy forbids; " + context).isFalse();
                }
            }
        }
        System.out.printf("Access policy property: %d events (%d sealed by the facility system, %d refused for an"
                + " unpublished key), %d drafts (%d with a sealed credential, each opened), %d re-addressed drafts"
                + " checked against AccessScope, by type %s%n", events, facilitySealed, refusedKeys, drafts,
                withCredential, readdressed, byType);
        assertThat(events).isEqualTo(DIRECTORIES * EVENTS_PER_DIRECTORY);
        assertThat(byType).as("every access event type drafted some mail").hasSize(9);
        assertThat(withCredential).isPositive();
        assertThat(facilitySealed).isPositive();
        assertThat(refusedKeys).isPositive();
    }

    /** Re-addresses the draft to a random directory person and checks AccessScope agrees with the oracle. */
    private static int checkReaddressed(EmailDraft draft, Random random, TestDirectory directory, String context) {
        Recipient other;
        boolean allowed;
        List<Member> members = directory.members();
        if (random.nextInt(4) == 0) {
            Location location = directory.locations().get(random.nextInt(directory.locations().size()));
            other = Recipient.newBuilder().setEmail(location.getStaffMailbox()).setRole(RecipientRole.STAFF).build();
            allowed = location.getLocationId().equals(draft.getLocationId()) && draft.getSecrets().isEmpty();
        } else {
            Member member = members.get(random.nextInt(members.size()));
            RecipientRole role = RecipientRole.values()[random.nextInt(3)];
            other = Recipient.newBuilder().setEmail(member.getEmail()).setMemberId(member.getMemberId()).setRole(role)
                    .build();
            allowed = Oracle.mayReceive(draft, member, role);
        }
        EmailDraft readdressed = EmailDraft.newBuilder(draft).setRecipient(other).build();
        boolean accepted = AccessScope.violation(readdressed, directory).isEmpty();
        assertThat(accepted).as("AccessScope on " + draft.getEventType() + " re-addressed to " + other.getEmail() + " as "
                + other.getRole() + "; " + context).isEqualTo(allowed);
        return 1;
    }

    private static boolean knowsBoth(AccessEvent event, TestDirectory directory) {
        boolean location = directory.location(event.getHeader().getLocationId()).isPresent();
        boolean incident = event.getPayload() instanceof com.deskpost.events.BuildingIncident;
        return location && (incident || directory.member(event.getMemberId()).isPresent());
    }

    private static TestDirectory randomDirectory(Random random) {
        TestDirectory directory = new TestDirectory();
        LOCATIONS.forEach(id -> directory.add(TestDirectory.newLocation(id)));
        int count = 4 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            List<String> at = new ArrayList<>();
            for (String location : LOCATIONS) {
                if (random.nextInt(3) == 0) {
                    at.add(location);
                }
            }
            MemberRole role = random.nextInt(4) == 0 ? MemberRole.STAFF : MemberRole.MEMBER;
            MemberStatus status = MemberStatus.values()[random.nextInt(5) < 4 ? 0 : 1 + random.nextInt(2)];
            directory.add(TestDirectory.newMember("P" + i, role, status, at.toArray(String[]::new)));
        }
        return directory;
    }

    private Generated randomEvent(Random random, TestDirectory directory, String eventId) {
        List<Member> members = directory.members();
        String subject = random.nextInt(25) == 0 ? "UNKNOWN" : members.get(random.nextInt(members.size())).getMemberId();
        String location = random.nextInt(40) == 0 ? "PAR" : LOCATIONS.get(random.nextInt(LOCATIONS.size()));
        String code = String.format("%04d-%04d-%s", random.nextInt(10_000), random.nextInt(10_000), eventId);
        String other = members.get(random.nextInt(members.size())).getMemberId();
        List<Supplier<Object>> payloads = List.of(
                () -> AccessEvents.keycard("K-" + random.nextInt(50)),
                () -> AccessEvents.revoked("K-" + random.nextInt(50)),
                () -> AccessEvents.doorCode("D" + random.nextInt(5), code),
                () -> AccessEvents.afterHours("D" + random.nextInt(5)),
                () -> AccessEvents.masterReset(code, other),
                () -> AccessEvents.override("D" + random.nextInt(5), other),
                () -> AccessEvents.visitor("Visitor " + eventId, random.nextBoolean() ? code : null),
                () -> AccessEvents.contractor("Contractor " + eventId, random.nextBoolean() ? code : null),
                () -> AccessEvents.incident("INC-" + eventId));
        Object payload = payloads.get(random.nextInt(payloads.size())).get();
        AccessEvent event = AccessEvents.event(eventId, 1 + random.nextInt(9), location, subject, payload);
        if (AccessCredentials.values(event).isEmpty()) {
            return new Generated(event, null, false);
        }
        // A third arrive sealed by the facility system; one in twenty of those under a key Deskpost does not publish
        int sealing = random.nextInt(60);
        if (sealing < 20) {
            boolean unpublished = sealing == 0;
            return new Generated(AccessCredentials.sealed(event, unpublished ? foreign : sealer), code, unpublished);
        }
        return new Generated(event, code, false);
    }

    /** DESIGN §4 written out directly, for one event. */
    private record Oracle(AccessEvent event, TestDirectory directory) {

        private static final Set<String> HOLDER = Set.of("keycard_provisioned", "keycard_revoked",
                "door_code_changed", "after_hours_access", "master_keycode_reset", "after_hours_override");
        private static final Set<String> SPONSOR = Set.of("visitor_pre_authorized", "contractor_access_granted");

        Location location() {
            return directory.location(event.getHeader().getLocationId()).orElseThrow();
        }

        String staffMailbox() {
            return DraftIds.normaliseEmail(location().getStaffMailbox());
        }

        boolean isHolder(String to) {
            Member subject = directory.member(event.getMemberId()).orElse(null);
            if (subject == null || !DraftIds.normaliseEmail(subject.getEmail()).equals(to)) {
                return false;
            }
            boolean master = event.getPayload() instanceof com.deskpost.events.MasterKeycodeReset;
            return !master || subject.getRole() == MemberRole.STAFF
                    && subject.getLocationIds().contains(location().getLocationId());
        }

        /** Who may receive mail about this event at all. */
        boolean mayReceive(String to) {
            if (to.equals(staffMailbox())) {
                return true;
            }
            if (event.getPayload() instanceof com.deskpost.events.BuildingIncident) {
                return directory.members().stream().anyMatch(m -> DraftIds.normaliseEmail(m.getEmail()).equals(to)
                        && m.getLocationIds().contains(location().getLocationId()));
            }
            return isHolder(to);
        }

        /** Whether the draft may go to this directory person in this role (the delivery-time rule). */
        static boolean mayReceive(EmailDraft draft, Member person, RecipientRole role) {
            String locationId = draft.getLocationId();
            boolean about = person.getMemberId().equals(draft.getAboutMemberId());
            if (!draft.getSecrets().isEmpty()) {
                return about && (!draft.getEventType().equals("master_keycode_reset")
                        || person.getRole() == MemberRole.STAFF && person.getLocationIds().contains(locationId));
            }
            if (role == RecipientRole.STAFF && person.getRole() == MemberRole.STAFF
                    && person.getLocationIds().contains(locationId)) {
                return true;
            }
            String type = draft.getEventType();
            if (HOLDER.contains(type)) {
                return about && role == RecipientRole.MEMBER;
            }
            if (SPONSOR.contains(type)) {
                return about && role == RecipientRole.SPONSOR;
            }
            return person.getLocationIds().contains(locationId);
        }
    }
}
