package com.deskpost.booking;

import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.platform.config.PlatformProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The booking composer's settings and own topic (created by platform's topic rule). */
@Configuration
@EnableConfigurationProperties(BookingProperties.class)
class BookingConfiguration {

    @Bean
    KafkaAdmin.NewTopics bookingTopics(PlatformProperties platform) {
        return new KafkaAdmin.NewTopics(platform.topicRule().newTopics(UpcomingBookings.TOPIC).toArray(NewTopic[]::new));
    }
}
