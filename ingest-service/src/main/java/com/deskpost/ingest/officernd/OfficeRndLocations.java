package com.deskpost.ingest.officernd;

import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.Refusals;
import static com.deskpost.ingest.officernd.OfficeRndWebhook.OBJECT;

import com.deskpost.events.Location;
import com.deskpost.ingest.directory.DirectoryEntries;
import com.deskpost.ingest.officernd.OfficeRndProperties.Office;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OfficeRnD's office (location) webhooks as the location directory's {@link Location}, checked by the directory
 * import's rules. OfficeRnD's office carries the name, the address ({@code address}, {@code city}, {@code state},
 * {@code zip}, {@code country}) and the {@code timezone}; it does not carry what Deskpost needs to send mail about it
 * (jurisdiction, sender and staff mailboxes). Each Location field is therefore taken from the office when OfficeRnD
 * carries it, else from {@code deskpost.ingest.officernd.locations.<office id>.*}; a required field in neither is
 * refused 422 {@code officernd_location_incomplete} naming the field, where OfficeRnD would carry it and the key to
 * set. A guess (a default jurisdiction, a made-up mailbox) would send mail from the wrong address or under the
 * wrong consent rules; a refusal shows as a failed delivery in OfficeRnD's webhook log until the operator sets it.
 * The entry carries {@code external_ids {"officernd": <office id>}}.
 */
final class OfficeRndLocations {

    static final List<String> TYPES = List.of("office.created", "office.updated", "location.created",
            "location.updated");
    static final List<String> REMOVALS = List.of("office.removed", "location.removed");

    private final OfficeRndProperties properties;

    OfficeRndLocations(OfficeRndProperties properties) {
        this.properties = properties;
    }

    /** One directory column: its value, the webhook path OfficeRnD carries it at (or null), the key that sets it. */
    private record Source(String value, boolean fromPayload, String payloadPath, String configKey) {

        static Source configured(String value, String configKey) {
            return new Source(value, false, null, configKey);
        }
    }

    Location map(OfficeRndWebhook webhook) {
        JsonNode office = webhook.object();
        String officeId = Fields.text(office, OBJECT, "_id");
        Office configured = properties.office(officeId);
        String key = "deskpost.ingest.officernd.locations." + officeId + ".";
        String name = Fields.text(office, OBJECT, "name");
        Map<String, Source> sources = new LinkedHashMap<>();
        sources.put("location_id", new Source(properties.locationId(officeId), true, OBJECT + "._id",
                "deskpost.ingest.officernd.location-ids." + officeId));
        sources.put("name", new Source(name, true, OBJECT + ".name", null));
        sources.put("line1", either(office, "address", configured.line1(), key + "line1"));
        sources.put("line2", Source.configured(configured.line2(), key + "line2"));
        sources.put("city", either(office, "city", configured.city(), key + "city"));
        sources.put("region", either(office, "state", configured.region(), key + "region"));
        sources.put("postal_code", either(office, "zip", configured.postalCode(), key + "postal-code"));
        sources.put("country", country(office, configured.country(), key + "country"));
        sources.put("time_zone", either(office, "timezone", configured.timeZone(), key + "time-zone"));
        sources.put("jurisdiction", Source.configured(configured.jurisdiction(), key + "jurisdiction"));
        sources.put("sender_mailbox", Source.configured(configured.senderMailbox(), key + "sender-mailbox"));
        // OfficeRnD sends its own mail about an office under the office's name; so does Deskpost unless told otherwise
        sources.put("sender_name", Source.configured(configured.senderName() == null ? name
                : configured.senderName(), key + "sender-name"));
        sources.put("staff_mailbox", Source.configured(configured.staffMailbox(), key + "staff-mailbox"));
        sources.put("approvers", Source.configured(String.join(";", configured.approvers()), key + "approvers"));
        sources.put("reply_to", Source.configured(configured.replyTo(), key + "reply-to"));
        sources.put("default_locale", Source.configured(configured.defaultLocale(), key + "default-locale"));

        Map<String, String> columns = new HashMap<>();
        sources.forEach((column, source) -> columns.put(column, source.value()));
        String locationId = properties.locationId(officeId);
        DirectoryEntries.Checked<Location> checked = DirectoryEntries.location(columns,
                webhook.header(webhook.changedAt().toEpochMilli(), locationId));
        if (checked.valid()) {
            // what lets every adapter find this location by OfficeRnD's office id (VendorIndex)
            return Location.newBuilder(checked.entry()).setExternalIds(Map.of(OfficeRndIds.VENDOR, officeId)).build();
        }
        boolean incomplete = checked.problems().stream().anyMatch(DirectoryEntries.Problem::missing);
        List<DirectoryEntries.Problem> explained = checked.problems().stream().map(problem -> {
            Source source = sources.get(problem.column());
            if (!problem.missing()) {
                return problem;
            }
            Optional<String> unreadCountry = "country".equals(problem.column())
                    ? Fields.optionalText(office, OBJECT, "country") : Optional.empty();
            if (unreadCountry.isPresent()) {
                return new DirectoryEntries.Problem(problem.column(), "OfficeRnD's country \"" + unreadCountry.get()
                        + "\" is neither an ISO 3166-1 alpha-2 code nor an English country name; correct it in "
                        + "OfficeRnD, or set " + source.configKey(), true);
            }
            return new DirectoryEntries.Problem(problem.column(), "missing: " + (source.payloadPath() == null
                    ? "OfficeRnD's office does not carry " + problem.column() + "; set " + source.configKey()
                    : "OfficeRnD's office has no " + source.payloadPath().substring(OBJECT.length() + 1)
                            + "; set it in OfficeRnD, or set " + source.configKey()), true);
        }).toList();
        throw Refusals.refused(incomplete ? "officernd_location_incomplete" : "invalid_officernd_location",
                "OfficeRnD office " + officeId, explained, column -> where(sources.get(column)));
    }

    /**
     * Where a problem is fixed: a value OfficeRnD carried at its payload path; a missing one where OfficeRnD would
     * carry it, else at its configuration key; a configured one at its key.
     */
    private static String where(Source source) {
        if (source.fromPayload() || (source.value() == null && source.payloadPath() != null)) {
            return source.payloadPath();
        }
        return source.configKey();
    }

    private static Source either(JsonNode office, String field, String configured, String configKey) {
        Optional<String> carried = Fields.optionalText(office, OBJECT, field);
        return new Source(carried.orElse(configured), carried.isPresent(), OBJECT + "." + field, configKey);
    }

    /**
     * The contract wants an ISO 3166-1 alpha-2 code; OfficeRnD's {@code country} may be a code or a country's English
     * name ("United Kingdom"), which is looked up. A name that is neither falls back to configuration.
     */
    private static Source country(JsonNode office, String configured, String configKey) {
        Optional<String> carried = Fields.optionalText(office, OBJECT, "country").flatMap(OfficeRndLocations::isoCode);
        return new Source(carried.orElse(configured == null ? null : configured.toUpperCase(Locale.ROOT)),
                carried.isPresent(), OBJECT + ".country", configKey);
    }

    private static Optional<String> isoCode(String country) {
        String code = country.toUpperCase(Locale.ROOT);
        if (country.length() == 2 && Arrays.asList(Locale.getISOCountries()).contains(code)) {
            return Optional.of(code);
        }
        return Arrays.stream(Locale.getISOCountries())
                .filter(iso -> new Locale("", iso).getDisplayCountry(Locale.ENGLISH).equalsIgnoreCase(country))
                .findFirst();
    }
}
