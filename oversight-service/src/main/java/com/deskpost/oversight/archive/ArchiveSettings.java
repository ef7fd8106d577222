package com.deskpost.oversight.archive;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Where the ops page reads delivery's sent-mail archive ({@code deskpost.oversight.archive}): delivery's base URL and
 * an API key of delivery's with scope {@code read}. Without a URL the page says the archive is not connected.
 *
 * @param deliveryUrl delivery's base URL, e.g. http://delivery:8080; null: not connected
 * @param apiKey the key oversight sends as {@code Authorization: Bearer}; a client of delivery with scope read
 */
@ConfigurationProperties("deskpost.oversight.archive")
public record ArchiveSettings(URI deliveryUrl, String apiKey) {

    public ArchiveSettings {
        // An unset environment variable binds as an empty URL: not connected.
        deliveryUrl = deliveryUrl == null || deliveryUrl.toString().isBlank() ? null : deliveryUrl;
        apiKey = apiKey == null ? "" : apiKey;
    }

    /** Registers the settings. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ArchiveSettings.class)
    static class Registration {
    }
}
