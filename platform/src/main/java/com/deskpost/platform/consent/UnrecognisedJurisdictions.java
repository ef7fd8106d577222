package com.deskpost.platform.consent;

import com.deskpost.events.Location;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once per location and code, that a service judging consent met a location whose jurisdiction the rule does
 * not know ({@link Jurisdiction#UNRECOGNISED}), so its commercial mail is judged by the strictest rule. Once, not per
 * mail: an announcement to thousands must not bury the log under the same line; a changed code warns again. Each
 * service holds one and shows it every location it reads: the whole directory at start-up, then each location as
 * it judges mail about it.
 */
public final class UnrecognisedJurisdictions {

    private static final Logger log = LoggerFactory.getLogger(UnrecognisedJurisdictions.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @return the location, after a warning if its code is unrecognised and this one has not warned of it yet */
    public Location seen(Location location) {
        if (warnsOf(location)) {
            log.warn("Location {} has jurisdiction {}, which the consent rule does not recognise: its commercial mail"
                    + " is judged by the strictest rule (explicit opt-in needed, CCPA opt-out honoured); {}",
                    location.getLocationId(), Jurisdiction.quoted(location.getJurisdiction()),
                    Jurisdiction.hint(location.getJurisdiction()));
        }
        return location;
    }

    /** Every location given, e.g. the whole directory once it is loaded. */
    public void seenAll(Iterable<Location> locations) {
        locations.forEach(this::seen);
    }

    /** Whether {@link #seen} warns of this location now: its code is unrecognised and not yet warned of. */
    boolean warnsOf(Location location) {
        return !Jurisdiction.recognised(location.getJurisdiction())
                && warned.add(location.getLocationId() + "\u0000" + location.getJurisdiction());
    }
}
