package com.deskpost.community;

import com.deskpost.community.announcement.AnnouncementQueue;
import com.deskpost.platform.config.PlatformProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The community service's settings and own topic. */
@Configuration
@EnableConfigurationProperties(CommunityProperties.class)
class CommunityConfiguration {

    @Bean
    KafkaAdmin.NewTopics communityTopics(PlatformProperties platform) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(AnnouncementQueue.TOPIC.name())
                .partitions(platform.topicPartitions())
                .replicas(platform.topicReplicationFactor())
                .build());
    }
}
