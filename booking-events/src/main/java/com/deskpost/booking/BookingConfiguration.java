package com.deskpost.booking;

import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.platform.template.TemplateRenderer;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The booking composer's settings, operator templates and own topic. */
@Configuration
@EnableConfigurationProperties(BookingProperties.class)
class BookingConfiguration {

    /** Operator templates in {@code deskpost.templates.override-dir} win over the built-in ones, per location. */
    @Bean
    TemplateRenderer templateRenderer(@Value("${deskpost.templates.override-dir:}") String overrideDir) {
        return new TemplateRenderer(getClass().getClassLoader(), overrideDir.isBlank() ? null : Path.of(overrideDir));
    }

    @Bean
    KafkaAdmin.NewTopics bookingTopics(PlatformProperties platform) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(UpcomingBookings.TOPIC.name())
                .partitions(platform.topicPartitions())
                .replicas(platform.topicReplicationFactor())
                .compact()
                .build());
    }
}
