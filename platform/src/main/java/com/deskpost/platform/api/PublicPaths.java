package com.deskpost.platform.api;

import java.util.List;

/**
 * Paths of one service that need no API key, beyond health, the Prometheus scrape and the OpenAPI
 * document: a service declares them as a bean when its requests carry their own proof (delivery's
 * unsubscribe links carry a signed token).
 *
 * @param patterns path patterns, e.g. {@code /unsubscribe/**}
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }
}
