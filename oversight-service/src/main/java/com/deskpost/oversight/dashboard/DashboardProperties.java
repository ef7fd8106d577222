package com.deskpost.oversight.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ops dashboard's sampling ({@code deskpost.oversight.dashboard}).
 *
 * @param sources name to the Prometheus endpoint of another service, scraped with {@code deskpost.actuator.key}; an
 *     empty URL turns the source off;
 *     oversight's own metrics and its queue are always read in-process. Default: delivery at
 *     {@code http://localhost:8085/actuator/prometheus}. List every replica of a service on its own, not a load
 *     balancer, or its counters would jump between replicas
 * @param interval how often every source is sampled (default 1m)
 * @param history how long samples are kept in memory (default 24h); history/interval samplings per source
 * @param timeout how long one source may take to answer (default 5s)
 */
@ConfigurationProperties("deskpost.oversight.dashboard")
public record DashboardProperties(Map<String, URI> sources, Duration interval, Duration history, Duration timeout) {

    public DashboardProperties {
        if (sources == null) {
            sources = Map.of("delivery", URI.create("http://localhost:8085/actuator/prometheus"));
        } else {
            // An empty URL (an unset environment variable) turns that source off.
            Map<String, URI> set = new LinkedHashMap<>();
            sources.forEach((name, url) -> {
                if (url != null && !url.toString().isBlank()) {
                    set.put(name, url);
                }
            });
            sources = Map.copyOf(set);
        }
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        history = history == null ? Duration.ofHours(24) : history;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("deskpost.oversight.dashboard.interval must be positive, not " + interval);
        }
    }

    /** Samplings kept per source. */
    int capacity() {
        return (int) Math.min(100_000, Math.max(2, history.toMillis() / interval.toMillis()));
    }
}
