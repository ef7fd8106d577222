package com.deskpost.delivery.subject;

/**
 * A section a subject access export could not include.
 *
 * @param section the section's name, e.g. {@code heldDrafts}
 * @param service the service that holds it, e.g. {@code oversight-service}
 * @param reason what happened and what to check
 */
public record MissingPart(String section, String service, String reason) {
}
