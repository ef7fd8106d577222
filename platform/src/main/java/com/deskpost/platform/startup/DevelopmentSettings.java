package com.deskpost.platform.startup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Finds the settings that still hold a development value: a key or secret beginning {@code dev-only-}
 * (also inside a value, as a JAAS configuration's password), or a {@code {noop}} (clear-text) password. Every default secret Deskpost publishes has one of these
 * forms, so a service that resolves one runs on a secret everybody can read in the repository. Every
 * enumerable property source is walked and each property judged by its resolved value (a placeholder's
 * default counts), so a new secret is covered as soon as its default follows the rule: there is no
 * list of names to keep. Only names are ever reported, never values.
 */
public final class DevelopmentSettings {

    /** The Spring profile under which development values are allowed: dev-stack, tests, bench, reliability. */
    public static final String PROFILE = "dev";

    /** A word beginning dev-only-: the whole value, or one inside it (a JAAS config's password="dev-only-..."). */
    private static final Pattern DEVELOPMENT_KEY = Pattern.compile("(^|[^A-Za-z0-9_-])dev-only-");
    private static final String CLEAR_PASSWORD_PREFIX = "{noop}";
    /** {@code ${DESKPOST_OPS_PASSWORD:{noop}ops}}: the variable an operator sets to replace the default. */
    private static final Pattern PLACEHOLDER_VARIABLE = Pattern.compile("^\\$\\{([A-Za-z0-9_]+)[:}]");

    private DevelopmentSettings() {
    }

    /** One setting holding a development value. */
    public record Finding(String property, String environmentVariable, Kind kind) {

        /** How it reads in a start-up report: the property, the variable that sets it, and what is wrong. */
        public String describe() {
            String variable = property.equals(environmentVariable) ? "environment variable"
                    : "environment variable " + environmentVariable;
            return property + " (" + variable + "): " + kind.problem;
        }
    }

    /** What a development value is, and how to make the real one. */
    public enum Kind {
        KEY("a published development key (dev-only-...)",
                "a random secret, e.g. `openssl rand -base64 32` (the same value wherever the secret is shared)"),
        CLEAR_PASSWORD("a clear-text {noop} password",
                "a bcrypt hash: {bcrypt} followed by the output of `htpasswd -nbBC 12 '' 'the password' | cut -d: -f2`");

        final String problem;
        final String remedy;

        Kind(String problem, String remedy) {
            this.problem = problem;
            this.remedy = remedy;
        }

        public String remedy() {
            return remedy;
        }
    }

    /** Every setting of this environment whose resolved value is a development value, in precedence order. */
    public static List<Finding> in(ConfigurableEnvironment environment) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        List<Finding> fromEnvironmentVariables = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            boolean variables = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
            for (String name : enumerable.getPropertyNames()) {
                if (!judged.add(name)) {
                    continue;
                }
                Kind kind = kindOf(resolved(environment, name));
                if (kind == null) {
                    continue;
                }
                Finding finding = new Finding(name, variables ? name : variableOf(name, enumerable.getProperty(name)), kind);
                if (variables) {
                    fromEnvironmentVariables.add(finding);
                } else {
                    findings.put(name, finding);
                }
            }
        }
        // A variable already named as the way to set a finding's property is not reported twice.
        for (Finding variable : fromEnvironmentVariables) {
            if (findings.values().stream().noneMatch(f -> f.environmentVariable().equals(variable.property()))) {
                findings.put(variable.property(), variable);
            }
        }
        return List.copyOf(findings.values());
    }

    /** Whether a value is a development value, and which kind. */
    static Kind kindOf(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (DEVELOPMENT_KEY.matcher(trimmed).find()) {
            return Kind.KEY;
        }
        if (trimmed.startsWith(CLEAR_PASSWORD_PREFIX)) {
            return Kind.CLEAR_PASSWORD;
        }
        return null;
    }

    private static String resolved(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (RuntimeException unresolvable) {
            // An unresolvable placeholder or a value that is no text: not a development default, and
            // the service's own binding reports what is wrong with it.
            return null;
        }
    }

    /** The variable of the setting's placeholder, else its relaxed-binding spelling. */
    static String variableOf(String property, Object rawValue) {
        if (rawValue != null) {
            Matcher placeholder = PLACEHOLDER_VARIABLE.matcher(rawValue.toString().strip());
            if (placeholder.find()) {
                return placeholder.group(1);
            }
        }
        // Spring Boot's relaxed binding: deskpost.oversight.staff[0].password is DESKPOST_OVERSIGHT_STAFF_0_PASSWORD.
        return property.replace("-", "").replaceAll("\\[(\\d+)]", "_$1").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
