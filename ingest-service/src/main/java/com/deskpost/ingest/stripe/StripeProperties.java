package com.deskpost.ingest.stripe;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Stripe's webhook reaches Deskpost. Stripe names no Deskpost member or location: the operator puts
 * {@code deskpost_member_id} (and, for more than one location, {@code deskpost_location_id}) in the metadata of the
 * subscription in Stripe, which Stripe copies onto each of its invoices.
 *
 * @param webhookSecrets    the endpoint's signing secrets ({@code whsec_...}) Stripe shows for the webhook endpoint;
 *                          while Stripe rolls a secret both are valid, so list the new one and keep the old one until
 *                          it expires. Empty: the endpoint answers 404
 * @param tolerance         how far a signature's {@code t} may be from the server's clock (Stripe's libraries: 300 s)
 * @param defaultLocationId the Deskpost location of an event whose metadata names none; blank: such an event is
 *                          refused (422)
 * @param memberIdPrefix    put before the {@code deskpost_member_id} metadata value to form {@code member_id}
 * @param dedupWindow       how long an event id is remembered so Stripe's retry of it is answered "duplicate"
 *                          without producing again (Stripe retries for up to three days)
 * @param dedupCapacity     the most event ids remembered; the oldest are dropped beyond
 * @param timeZone          the zone Stripe's instants (period start and end, cancellation) are turned into the
 *                          contract's dates in
 */
@ConfigurationProperties("deskpost.ingest.stripe")
public record StripeProperties(List<String> webhookSecrets, Duration tolerance, String defaultLocationId,
        String memberIdPrefix, Duration dedupWindow, Integer dedupCapacity, ZoneId timeZone) {

    public StripeProperties {
        webhookSecrets = webhookSecrets == null ? List.of()
                : webhookSecrets.stream().map(String::strip).filter(secret -> !secret.isEmpty()).toList();
        tolerance = tolerance == null ? Duration.ofSeconds(300) : tolerance;
        defaultLocationId = defaultLocationId == null ? "" : defaultLocationId.strip();
        memberIdPrefix = memberIdPrefix == null ? "" : memberIdPrefix;
        dedupWindow = dedupWindow == null ? Duration.ofDays(3) : dedupWindow;
        dedupCapacity = dedupCapacity == null ? 100_000 : dedupCapacity;
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    }

    boolean enabled() {
        return !webhookSecrets.isEmpty();
    }
}
