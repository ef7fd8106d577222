package com.deskpost.platform.pseudonym;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secret the key of {@link Pseudonyms}: the same in every service, never changed once erasures exist
 */
@ConfigurationProperties("deskpost.pseudonym")
public record PseudonymProperties(String secret) {
}
