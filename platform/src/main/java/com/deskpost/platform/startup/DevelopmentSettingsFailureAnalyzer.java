package com.deskpost.platform.startup;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Puts the settings that still hold development values, and how to make real ones, at the top of the
 * start-up failure report. Registered in {@code META-INF/spring.factories}.
 */
class DevelopmentSettingsFailureAnalyzer extends AbstractFailureAnalyzer<DevelopmentSettingsRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DevelopmentSettingsRefused cause) {
        Set<DevelopmentSettings.Kind> kinds = EnumSet.noneOf(DevelopmentSettings.Kind.class);
        cause.findings().forEach(finding -> kinds.add(finding.kind()));
        String remedies = kinds.stream().map(kind -> "  - for " + kind.problem + ": " + kind.remedy())
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(cause.getMessage(),
                "Set each setting named above (its environment variable, or in docker compose the .env file) to a "
                        + "real value (README: Running in production):\n" + remedies + "\n"
                        + "On a development machine only, run with the Spring profile '" + DevelopmentSettings.PROFILE
                        + "' (SPRING_PROFILES_ACTIVE=" + DevelopmentSettings.PROFILE + "), which allows them.",
                cause);
    }
}
