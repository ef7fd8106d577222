package com.deskpost.platform.feedback;

/**
 * What a report says about one recipient.
 *
 * @param kind hard or soft bounce, complaint, or delayed
 * @param recipient the address reported on, normalised (lower-case, no brackets); null when the report names none
 * @param status the enhanced status code (RFC 3463), stated or inferred; null for complaints and when none is known
 * @param diagnostic the remote side's own words (Diagnostic-Code, the MTA's text), one line; untrusted, may be null
 */
public record Finding(ReportKind kind, String recipient, String status, String diagnostic) {
}
