package com.deskpost.community;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * The community service: announcements fanned out to the members whose consent allows them,
 * unsubscribe requests and sales inquiries read from inbound mail, and inquiries answered with a
 * reply staff review and may edit before it goes.
 */
@SpringBootApplication
@EnableKafkaStreams
public class CommunityEventsApplication {

    /** Its settings live in community-events.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommunityEventsApplication.class)
                .main(CommunityEventsApplication.class)
                .properties("spring.config.name=community-events");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
