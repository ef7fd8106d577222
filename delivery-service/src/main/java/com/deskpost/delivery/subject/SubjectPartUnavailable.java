package com.deskpost.delivery.subject;

/**
 * A section of the export could not be collected now: the service holding it did not answer, refused delivery's
 * credentials, or its database was away. The export is then refused naming it, never given without it.
 */
public class SubjectPartUnavailable extends RuntimeException {

    private final String service;

    /**
     * @param service the service holding the part, e.g. {@code oversight-service}
     * @param reason what happened and what to check, a sentence a person can act on
     */
    public SubjectPartUnavailable(String service, String reason, Throwable cause) {
        super(reason, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
