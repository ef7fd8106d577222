package com.deskpost.platform.config;

import com.deskpost.platform.streams.EventRouting;
import java.util.Properties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Hands the directory grace ({@code deskpost.directory.grace}) to every topology routed by
 * {@link EventRouting}: Streams builds the processors itself, and its configuration is what it gives them.
 */
@AutoConfiguration
@EnableConfigurationProperties(DirectoryProperties.class)
public class RoutingAutoConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer directoryGraceForTopologies(DirectoryProperties directory) {
        return factory -> {
            Properties config = factory.getStreamsConfiguration();
            if (config != null) {
                config.put(EventRouting.DIRECTORY_GRACE_CONFIG, directory.grace());
                factory.setStreamsConfiguration(config);
            }
        };
    }
}
