package com.deskpost.delivery.subject;

/**
 * One store's part of a subject access export (GDPR art. 15): every store that holds something about a person
 * contributes a section, so a new store cannot be forgotten by the export without also being left out of its test.
 * A section answers for the person's normalised address and for their keyed pseudonym (rows written after an
 * erasure name only the pseudonym).
 */
public interface SubjectDataSource {

    /** The section's name in the export, e.g. {@code sentMail}; stable, documented in the README. */
    String section();

    /**
     * @param address the person's normalised address (trimmed, lower-case)
     * @param pseudonym the address's keyed pseudonym ({@code erased:…})
     * @return what this store holds about them, as values Jackson writes as JSON (records, lists, maps); an empty
     *     list when it holds nothing
     */
    Object collect(String address, String pseudonym);
}
