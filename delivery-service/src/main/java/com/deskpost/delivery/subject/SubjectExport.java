package com.deskpost.delivery.subject;

import java.time.Instant;
import java.util.Map;

/**
 * Everything Deskpost holds about one person (GDPR art. 15), by section.
 *
 * @param email the person's normalised address
 * @param pseudonym the address's keyed pseudonym, under which rows written after an erasure name them
 * @param exportedAt when the sections were read
 * @param sections each store's part, by section name in name order (README, "Subject access")
 */
public record SubjectExport(String email, String pseudonym, Instant exportedAt, Map<String, Object> sections) {
}
