package com.deskpost.platform.consent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The jurisdiction codes of {@code Location.jurisdiction} the consent rule knows, and what each asks of commercial
 * mail: {@code EU} and {@code UK} explicit opt-in (GDPR, PECR), {@code US-CA} no CCPA opt-out, {@code US} neither
 * (CAN-SPAM's unsubscribe applies everywhere). Codes compare without regard to case or surrounding blanks.
 *
 * <p>Any other code, blank or absent included, fails closed: {@link #UNRECOGNISED} asks for both an opt-in and no
 * CCPA opt-out, the strictest rule, never the loosest. A country code is not read as a jurisdiction: the location's
 * jurisdiction is always set by the operator (an import file's column, or OfficeRnD's
 * {@code deskpost.ingest.officernd.locations.<office id>.jurisdiction}; no vendor sends one), so "DE" or "GB" is a
 * slip to point out, not data to interpret. {@link #hint} names the code meant, where a well-known country code
 * makes it plain.
 */
public enum Jurisdiction {
    EU("EU", true, false),
    UK("UK", true, false),
    US_CA("US-CA", false, true),
    US("US", false, false),
    /** A code the rule does not know: judged by the strictest rule. */
    UNRECOGNISED(null, true, true);

    /** The known codes, as an operator writes them. */
    public static final List<String> KNOWN = List.of(EU.code, UK.code, US_CA.code, US.code);

    /** ISO 3166-1 codes of the EU and the rest of the EEA (where GDPR applies too), and Greece's "EL". */
    private static final Set<String> GDPR_COUNTRIES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
            "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
            "SE", "IS", "LI", "NO");

    private final String code;
    private final boolean needsOptIn;
    private final boolean honoursCcpaOptOut;

    Jurisdiction(String code, boolean needsOptIn, boolean honoursCcpaOptOut) {
        this.code = code;
        this.needsOptIn = needsOptIn;
        this.honoursCcpaOptOut = honoursCcpaOptOut;
    }

    /** The regime a location's code stands for; {@link #UNRECOGNISED} for anything not in {@link #KNOWN}. */
    public static Jurisdiction of(String jurisdiction) {
        String normalised = normalised(jurisdiction);
        for (Jurisdiction known : values()) {
            if (known.code != null && known.code.equals(normalised)) {
                return known;
            }
        }
        return UNRECOGNISED;
    }

    public static boolean recognised(String jurisdiction) {
        return of(jurisdiction) != UNRECOGNISED;
    }

    /** Commercial mail needs an explicit {@link ConsentTag#OPT_IN}. */
    public boolean needsOptIn() {
        return needsOptIn;
    }

    /** A {@link ConsentTag#CCPA_OPT_OUT} stops commercial mail. */
    public boolean honoursCcpaOptOut() {
        return honoursCcpaOptOut;
    }

    /** The code as written by a known regime ("US-CA"); null for {@link #UNRECOGNISED}. */
    public String code() {
        return code;
    }

    /** A code as a person should read it in a message: quoted, or {@code (none)} when blank or absent. */
    public static String quoted(String jurisdiction) {
        return jurisdiction == null || jurisdiction.isBlank() ? "(none)" : "\"" + jurisdiction + "\"";
    }

    /**
     * What to do about an unrecognised code, for logs, the ops page and suppression reasons: the known codes, and the
     * one meant where a well-known country code makes it plain.
     */
    public static String hint(String jurisdiction) {
        String set = "set the location's jurisdiction to one of " + String.join(", ", KNOWN);
        return set + guess(normalised(jurisdiction)).map(guess -> " (" + guess + ")").orElse("");
    }

    private static Optional<String> guess(String code) {
        if (GDPR_COUNTRIES.contains(code)) {
            return Optional.of(code + " is a country where GDPR applies: EU");
        }
        if (code.equals("GB")) {
            return Optional.of("GB is the United Kingdom's country code: UK");
        }
        if (code.equals("CA")) {
            return Optional.of("CA is Canada's country code, which has no rule here and stays under the strictest;"
                    + " for California: US-CA");
        }
        if (code.startsWith("US-") || code.equals("USA")) {
            return Optional.of("a US state other than California: US");
        }
        return Optional.empty();
    }

    private static String normalised(String jurisdiction) {
        return jurisdiction == null ? "" : jurisdiction.strip().toUpperCase(Locale.ROOT);
    }
}
