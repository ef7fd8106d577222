package com.deskpost.delivery.sending.dkim;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts a DKIM setting the service cannot use at the top of the start-up failure report, instead of
 * deep in a chain of bean-creation errors. Registered in {@code META-INF/spring.factories}.
 */
class InvalidDkimSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDkimSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDkimSettings cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the deskpost.delivery.dkim.keys setting named above (README: DKIM), or remove the entry to "
                        + "send that domain's mail unsigned.", cause);
    }
}
