package com.deskpost.delivery.preferences;

import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.platform.api.PublicPaths;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The preference centre's settings, its link signing, and its pages' place among the paths that need no API key. */
@Configuration
@EnableConfigurationProperties(PreferenceProperties.class)
class PreferenceConfiguration {

    /** Members open the page from their mail: the signed token in its path, not an API key, admits them. */
    @Bean
    PublicPaths preferencePages() {
        return new PublicPaths(List.of("/preferences/**"));
    }

    @Bean
    PreferenceTokens preferenceTokens(DeliveryProperties delivery) {
        return new PreferenceTokens(delivery.unsubscribeSecret());
    }

    @Bean
    PreferenceLinks preferenceLinks(PreferenceTokens tokens, PreferenceProperties properties) {
        return new PreferenceLinks(tokens, properties.linkValidity());
    }
}
