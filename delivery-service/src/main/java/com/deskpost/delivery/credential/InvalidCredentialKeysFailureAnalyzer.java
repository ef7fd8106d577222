package com.deskpost.delivery.credential;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts a private credential key setting the service cannot use at the top of the start-up failure
 * report, instead of deep in a chain of bean-creation errors. Registered in {@code META-INF/spring.factories}.
 */
class InvalidCredentialKeysFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCredentialKeys> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCredentialKeys cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set DESKPOST_CREDENTIAL_PRIVATE_KEYS (<key id>:<base64url key>, the current key first, then keys"
                        + " still held during a rotation, comma-separated) or DESKPOST_CREDENTIAL_PRIVATE_KEY_FILE (a"
                        + " file of them, one a line), not both (docs/sealed-credentials.md).", cause);
    }
}
