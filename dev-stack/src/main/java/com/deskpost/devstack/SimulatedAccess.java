package com.deskpost.devstack;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.AfterHoursAccess;
import com.deskpost.events.DoorCodeChanged;
import com.deskpost.events.KeycardProvisioned;
import com.deskpost.events.MasterKeycodeReset;
import com.deskpost.events.Member;
import com.deskpost.events.VisitorPreAuthorized;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An access-control system's side of the simulation: keycards issued, door codes rotated,
 * visitors pre-authorised, cards used after hours and, rarely, a master keycode reset (held for
 * approval on the ops page, as the oversight floor requires).
 */
final class SimulatedAccess {

    private final Random random;
    private final Map<String, Long> versions = new HashMap<>();

    SimulatedAccess(Random random) {
        this.random = random;
    }

    AccessEvent next(Member member, Member staff) {
        String location = member.getLocationIds().get(0);
        Instant now = Instant.now();
        int pick = random.nextInt(10);
        if (pick == 0) {
            return SampleFacility.access(staff.getMemberId(), location, version("master:" + location),
                    MasterKeycodeReset.newBuilder().setNewKeycode(code()).setResetBy(staff.getMemberId())
                            .setEffectiveFrom(now.plus(Duration.ofHours(1))).build());
        }
        if (pick <= 3) {
            String door = "D-" + location + "-MAIN";
            return SampleFacility.access(member.getMemberId(), location, version(door + member.getMemberId()),
                    DoorCodeChanged.newBuilder().setDoorId(door).setDoorName("Main entrance").setNewCode(code())
                            .setEffectiveFrom(now.plus(Duration.ofMinutes(30))).build());
        }
        if (pick <= 5) {
            return SampleFacility.access(member.getMemberId(), location, 1,
                    VisitorPreAuthorized.newBuilder().setVisitorName("Guest of " + member.getName())
                            .setValidFrom(now.plus(Duration.ofHours(2))).setValidUntil(now.plus(Duration.ofHours(6)))
                            .setAccessCode(random.nextBoolean() ? code() : null).build());
        }
        if (pick <= 7) {
            String card = "KC-" + member.getMemberId() + "-" + versions.getOrDefault("card:" + member.getMemberId(), 0L);
            return SampleFacility.access(member.getMemberId(), location, version("card:" + member.getMemberId()),
                    KeycardProvisioned.newBuilder().setKeycardId(card).setValidFrom(now)
                            .setZones(List.of("main-entrance", "floor-2")).build());
        }
        return SampleFacility.access(member.getMemberId(), location, 1,
                AfterHoursAccess.newBuilder().setDoorId("D-" + location + "-SIDE").setDoorName("Side door")
                        .setAccessedAt(now.minus(Duration.ofMinutes(5))).build());
    }

    private long version(String key) {
        return versions.merge(key, 1L, Long::sum);
    }

    private String code() {
        return String.format("%04d-%04d", random.nextInt(10_000), random.nextInt(10_000));
    }
}
