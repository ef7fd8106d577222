package com.deskpost.platform.startup;

import java.util.List;
import java.util.stream.Collectors;

/** A service refused to start outside the development profile because settings hold development values. */
public class DevelopmentSettingsRefused extends IllegalStateException {

    private final List<DevelopmentSettings.Finding> findings;

    public DevelopmentSettingsRefused(List<DevelopmentSettings.Finding> findings) {
        super("Refusing to start outside the '" + DevelopmentSettings.PROFILE + "' profile: "
                + findings.size() + (findings.size() == 1 ? " setting holds" : " settings hold")
                + " a development value, which anybody can read in Deskpost's repository:"
                + findings.stream().map(f -> "\n  - " + f.describe()).collect(Collectors.joining()));
        this.findings = List.copyOf(findings);
    }

    public List<DevelopmentSettings.Finding> findings() {
        return findings;
    }
}
