package com.deskpost.audit.processing;

import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The records of processing ({@code deskpost.processing}): the lawful basis and purpose of each communication type,
 * and what the Art. 30 register says about all of them. Every entry starts from {@link DefaultRegister}; a setting
 * overrides the fields it names. Keys match whatever their case and punctuation ({@code booking_created},
 * {@code bookingcreated}, {@code Booking-Created} are one type), since Spring drops the underscore from a map key
 * not written in brackets. An entry left without a basis or purpose, or a category or audit type that does not
 * exist, stops the service at start-up: no row may be stored under an entry the register cannot show.
 *
 * @param controller the controller's name and contact details, and the DPO's (art. 30(1)(a))
 * @param categories the entry of each category (TRANSACTIONAL, SECURITY, COMMERCIAL): event types not listed
 * @param eventTypes the entry of each communication type, by the draft's event type
 * @param auditTypes entries for audit rows that concern no mail to a person (AGENT_CALL, SENDER_PAUSED, ...)
 * @param unclassified the entry of a row that names neither an event type, a category nor a listed audit type
 * @param recipients who receives the data (art. 30(1)(d))
 * @param transfers transfers to third countries and their safeguards (art. 30(1)(e))
 * @param securityMeasures the technical and organisational measures (art. 30(1)(g), art. 32)
 * @param brokerRetention the Kafka broker's {@code log.retention}: how long event topics keep records
 * @param stores what the other services keep and for how long, as they are configured (art. 30(1)(f))
 */
@ConfigurationProperties("deskpost.processing")
public record ProcessingProperties(String controller, Map<String, ProcessingActivity> categories,
        Map<String, ProcessingActivity> eventTypes, Map<String, ProcessingActivity> auditTypes,
        ProcessingActivity unclassified, List<String> recipients, String transfers, List<String> securityMeasures,
        Duration brokerRetention, List<Kept> stores) {

    @ConstructorBinding
    public ProcessingProperties {
        controller = controller == null ? "" : controller;
        categories = merged("categories", DefaultRegister.CATEGORIES, categories, names(EmailCategory.values()));
        eventTypes = merged("event-types", DefaultRegister.EVENT_TYPES, eventTypes, null);
        auditTypes = merged("audit-types", DefaultRegister.AUDIT_TYPES, auditTypes, names(AuditType.values()));
        unclassified = complete("unclassified", ProcessingActivity.over(unclassified, DefaultRegister.UNCLASSIFIED));
        recipients = recipients == null ? List.of("The operator's SMTP relay (delivery-service's spring.mail.host),"
                + " which hands each mail to the recipient's mail provider",
                "The location's staff mailbox: staff copies, digests and alerts") : List.copyOf(recipients);
        transfers = transfers == null ? "None by Deskpost itself. A transfer to a third country happens only where"
                + " the SMTP relay or a recipient's mail provider is outside the EEA/UK: name it and its safeguards"
                + " (art. 46) here." : transfers;
        securityMeasures = securityMeasures == null ? List.of(
                "Credentials (door codes, keycodes) sealed with public-key encryption on every topic and table,"
                        + " opened only by delivery at send time, masked in logs, audit rows, staff copies and previews",
                "Audit trail hash-chained per partition (SHA-256), covering each row's lawful basis and purpose;"
                        + " checkpoints and archives sealed with HMAC-SHA256; verifiable on demand",
                "Erasure by keyed pseudonyms (HMAC-SHA256): erased people are suppressed and named by pseudonym only",
                "Every HTTP API authenticated with a key per client and scopes; a Kafka principal per service with"
                        + " topic ACLs",
                "Commercial mail only with consent on record, checked again at send time")
                : List.copyOf(securityMeasures);
        brokerRetention = brokerRetention == null ? Duration.ofDays(7) : brokerRetention;
        stores = stores == null ? List.of(
                new Kept("delivery-service delivery_ledger: each mail sent (recipient, subject, Message-ID)",
                        Duration.ofDays(45), "deskpost.delivery.retention.ledger"),
                new Kept("delivery-service feedback: bounce and complaint reports", Duration.ofDays(180),
                        "deskpost.delivery.retention.feedback"),
                new Kept("delivery-service staff alerts", Duration.ofDays(45),
                        "deskpost.delivery.retention.staff-alerts"),
                new Kept("delivery-service consent_tags: consent and suppression per address", null,
                        "never deleted; an erasure keeps only the pseudonym's suppression"),
                new Kept("delivery-service consent_history: every consent change (who, what, when, through which door)",
                        null, "never deleted by time (the evidence of consent); an erasure keeps only the erasure"),
                new Kept("delivery-service sent_archive: the exact transactional message as sent",
                        Duration.ofDays(2192),
                        "deskpost.delivery.archive.retention.transactional"),
                new Kept("delivery-service sent_archive: the exact security message as sent", Duration.ofDays(1096),
                        "deskpost.delivery.archive.retention.security"),
                new Kept("delivery-service sent_archive: the exact commercial message as sent", Duration.ofDays(365),
                        "deskpost.delivery.archive.retention.commercial"),
                new Kept("oversight-service held_drafts: decided drafts (the mail itself is cleared when decided)",
                        Duration.ofDays(45), "deskpost.oversight.retention.decided-drafts"),
                new Kept("oversight-service digest_entries", Duration.ofDays(45),
                        "deskpost.oversight.retention.digest-entries"))
                : List.copyOf(stores);
    }

    /** Deskpost's defaults, nothing overridden. */
    public static ProcessingProperties defaults() {
        return new ProcessingProperties(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * What a store keeps and for how long.
     *
     * @param keep how long after it is done with; null: not deleted by time
     * @param setting where the period is set, or why it has none
     */
    public record Kept(String what, Duration keep, String setting) {
    }

    /** Comparable form of a key: lower case letters and digits only. */
    static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> key(value.name())).collect(Collectors.toSet());
    }

    /** The defaults with the overrides laid over them, under the defaults' names; new keys as written. */
    private static Map<String, ProcessingActivity> merged(String setting, Map<String, ProcessingActivity> defaults,
            Map<String, ProcessingActivity> overrides, Set<String> allowed) {
        Map<String, String> nameOf = new LinkedHashMap<>();
        defaults.keySet().forEach(name -> nameOf.put(key(name), name));
        Map<String, ProcessingActivity> all = new LinkedHashMap<>(defaults);
        (overrides == null ? Map.<String, ProcessingActivity>of() : overrides).forEach((name, override) -> {
            if (allowed != null && !allowed.contains(key(name))) {
                throw new IllegalArgumentException("deskpost.processing." + setting + "." + name + " names no "
                        + setting.replace("-types", " type").replace("categories", "category") + "; use one of "
                        + allowed.stream().sorted().toList() + " (any case)");
            }
            String stored = nameOf.getOrDefault(key(name), name);
            all.put(stored, ProcessingActivity.over(override, all.get(stored)));
        });
        all.forEach((name, activity) -> complete(setting + "." + name, activity));
        return Map.copyOf(all);
    }

    private static ProcessingActivity complete(String setting, ProcessingActivity activity) {
        if (activity == null || !activity.complete()) {
            throw new IllegalArgumentException("deskpost.processing." + setting + " needs a lawful-basis (one of "
                    + Arrays.toString(LawfulBasis.values()) + ") and a purpose: every audit row is stored under it");
        }
        return activity;
    }
}
