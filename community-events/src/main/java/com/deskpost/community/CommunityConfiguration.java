package com.deskpost.community;

import com.deskpost.community.announcement.AnnouncementQueue;
import com.deskpost.platform.config.PlatformProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The community service's settings and own topic (created by platform's topic rule). */
@Configuration
@EnableConfigurationProperties(CommunityProperties.class)
class CommunityConfiguration {

    @Bean
    KafkaAdmin.NewTopics communityTopics(PlatformProperties platform) {
        return new KafkaAdmin.NewTopics(platform.topicRule().newTopics(AnnouncementQueue.TOPIC).toArray(NewTopic[]::new));
    }
}
