package com.deskpost.delivery.consent;

import com.deskpost.delivery.subject.SubjectDataSource;
import org.springframework.stereotype.Component;

/**
 * The {@code consentHistory} section of a subject access export (GDPR art. 15): every consent change held for the
 * person, oldest first, with who made it and through which door; after an erasure only the erasure, under the
 * pseudonym.
 */
@Component
class ConsentHistorySection implements SubjectDataSource {

    private final ConsentHistory history;

    ConsentHistorySection(ConsentHistory history) {
        this.history = history;
    }

    @Override
    public String section() {
        return "consentHistory";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        return history.ofPerson(address, pseudonym);
    }
}
