package com.deskpost.ingest.stripe;

import com.deskpost.ingest.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Which Deskpost member and location a Stripe object is about. Stripe knows neither: the operator sets
 * {@code deskpost_member_id} and {@code deskpost_location_id} as metadata in Stripe, and each is read from the first
 * metadata that carries it, in the order given (for an invoice: the subscription's metadata Stripe copied onto the
 * invoice, then the invoice's own, then the subscription's when expanded). A location falls back to the configured
 * default; a member has no fallback, because mailing the wrong member a payment notice is worse than none.
 *
 * <p>Without them the call is refused 422 {@code stripe_metadata_missing} naming the path, rather than accepted and
 * dead-lettered: the fix is in Stripe, so the refusal shows there (the event's delivery fails in the dashboard, and
 * Stripe retries it for up to three days and tells the account about a failing endpoint).
 */
final class DeskpostIds {

    static final String MEMBER = "deskpost_member_id";
    static final String LOCATION = "deskpost_location_id";

    /** One place metadata may be: its JSON path and node (missing or null when the payload has none there). */
    record Metadata(String path, JsonNode node) {

        Optional<String> value(String key) {
            JsonNode value = node == null ? null : node.get(key);
            return value != null && value.isString() && !value.stringValue().isBlank()
                    ? Optional.of(value.stringValue().strip()) : Optional.empty();
        }
    }

    record Ids(String memberId, String locationId) {
    }

    private DeskpostIds() {
    }

    /**
     * @param where    the metadata to read, most preferred first; the first names the path a refusal points to
     * @param stripeId the Stripe object (subscription) the operator sets the metadata on, for the message
     */
    static Ids of(List<Metadata> where, StripeProperties properties, String stripeId) {
        String member = first(where, MEMBER).orElseThrow(() -> missing(where, MEMBER, stripeId,
                "Deskpost does not know which member this is about"));
        String location = first(where, LOCATION)
                .or(() -> properties.defaultLocationId().isEmpty() ? Optional.empty()
                        : Optional.of(properties.defaultLocationId()))
                .orElseThrow(() -> missing(where, LOCATION, stripeId,
                        "no location is named and deskpost.ingest.stripe.default-location-id is not set"));
        return new Ids(properties.memberIdPrefix() + member, location);
    }

    private static Optional<String> first(List<Metadata> where, String key) {
        return where.stream().map(metadata -> metadata.value(key)).flatMap(Optional::stream).findFirst();
    }

    private static ApiException missing(List<Metadata> where, String key, String stripeId, String why) {
        String path = where.get(0).path() + "." + key;
        List<String> looked = where.stream().map(metadata -> metadata.path() + "." + key).toList();
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "stripe_metadata_missing", path + ": " + why
                + ". Set the metadata key " + key + " on " + stripeId + " in Stripe (looked at " + String.join(", ",
                looked) + "); Stripe's retries of this event carry the metadata as it was when the event happened, "
                + "so publish this one event through POST /api/v1/events/facility.billing once it is set",
                Map.of("path", path, "looked_at", looked));
    }
}
