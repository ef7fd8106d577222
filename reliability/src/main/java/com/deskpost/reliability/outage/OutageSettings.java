package com.deskpost.reliability.outage;

import java.time.Duration;
import java.util.Properties;
import org.springframework.boot.convert.DurationStyle;

/**
 * How long each outage of the {@code outage} scenario lasts and how fast facility traffic flows through it,
 * from system properties ({@code -Dreliability.outage.postgres=20s}); the defaults are issue 19's lengths.
 *
 * @param eventsPerSecond facility events published per second, all the while
 * @param warmUp traffic before the first outage, so every path has carried mail
 * @param postgres how long PostgreSQL is stopped
 * @param registry how long the schema registry refuses connections
 * @param broker how long the Kafka broker is down (SIGKILLed, then started on its data)
 * @param relay how long the SMTP relay refuses every message with {@code 451}
 * @param recoveryLimit how long after an outage the mail published before its end may take to arrive
 * @param drainLimit how long the mail still due may take to arrive once traffic stops
 */
public record OutageSettings(double eventsPerSecond, Duration warmUp, Duration postgres, Duration registry,
        Duration broker, Duration relay, Duration recoveryLimit, Duration drainLimit) {

    static final String PREFIX = "reliability.outage.";

    public OutageSettings {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException(PREFIX + "rate must be positive, not " + eventsPerSecond);
        }
    }

    /** The lengths: PostgreSQL and the registry 2 minutes each, the broker 1, the relay 10. */
    public static OutageSettings defaults() {
        return new OutageSettings(20, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(2),
                Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30));
    }

    /** The defaults, each overridden by its system property when set ({@code 20s}, {@code 2m}, ISO-8601 too). */
    public static OutageSettings from(Properties properties) {
        OutageSettings d = defaults();
        return new OutageSettings(
                Double.parseDouble(properties.getProperty(PREFIX + "rate", Double.toString(d.eventsPerSecond()))),
                duration(properties, "warm-up", d.warmUp()),
                duration(properties, "postgres", d.postgres()),
                duration(properties, "registry", d.registry()),
                duration(properties, "broker", d.broker()),
                duration(properties, "relay", d.relay()),
                duration(properties, "recovery-limit", d.recoveryLimit()),
                duration(properties, "drain-limit", d.drainLimit()));
    }

    /** For the report: {@code postgres=2m,registry=2m,broker=1m,relay=10m}. */
    public String lengths() {
        return "postgres=" + print(postgres) + ",registry=" + print(registry) + ",broker=" + print(broker)
                + ",relay=" + print(relay);
    }

    static String print(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static Duration duration(Properties properties, String name, Duration otherwise) {
        String value = properties.getProperty(PREFIX + name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return DurationStyle.detectAndParse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + name + " is not a duration (e.g. 20s, 2m): " + value, e);
        }
    }
}
