package com.deskpost.oversight.api;

import com.deskpost.platform.startup.DevelopmentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;

/**
 * Staff, agent gateway and subject-access client passwords are stored only as slow salted hashes: {@code {bcrypt}}, or
 * {@code {argon2}} where its library (Bouncy Castle) is present. A clear-text {@code {noop}} password
 * is for the development profile only (the platform's start-up guard names it elsewhere); any other
 * encoding (a fast digest, or none) refuses the start, naming the account's setting.
 */
final class StoredPasswords {

    private static final boolean ARGON2 = ClassUtils.isPresent(
            "org.bouncycastle.crypto.generators.Argon2BytesGenerator", StoredPasswords.class.getClassLoader());

    private StoredPasswords() {
    }

    static void check(StaffProperties accounts, Environment environment) {
        boolean development = environment.acceptsProfiles(Profiles.of(DevelopmentSettings.PROFILE));
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < accounts.staff().size(); n++) {
            judge("deskpost.oversight.staff[" + n + "].password", accounts.staff().get(n).password(), development)
                    .ifPresent(problems::add);
        }
        for (int n = 0; n < accounts.agentGateways().size(); n++) {
            judge("deskpost.oversight.agent-gateways[" + n + "].password", accounts.agentGateways().get(n).password(),
                    development).ifPresent(problems::add);
        }
        for (int n = 0; n < accounts.subjectAccessClients().size(); n++) {
            judge("deskpost.oversight.subject-access-clients[" + n + "].password",
                    accounts.subjectAccessClients().get(n).password(), development).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Passwords must be stored hashed: " + String.join("; ", problems)
                    + ". Make a bcrypt hash with: htpasswd -nbBC 12 '' 'the password' | cut -d: -f2, and store "
                    + "{bcrypt} followed by it (README: Running in production).");
        }
    }

    private static Optional<String> judge(String setting, String stored, boolean development) {
        String value = stored == null ? "" : stored.strip();
        if (value.startsWith("{bcrypt}") || (ARGON2 && value.startsWith("{argon2}"))
                || (development && value.startsWith("{noop}"))) {
            return Optional.empty();
        }
        // The encoding id only: never the stored value.
        String id = value.startsWith("{") && value.indexOf('}') > 0 ? value.substring(0, value.indexOf('}') + 1)
                : "no {id} prefix";
        return Optional.of(setting + " is stored as " + id + ", expected {bcrypt}" + (ARGON2 ? " or {argon2}" : ""));
    }
}
