package com.deskpost.access;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The access composer: facility.access in, scoped keycard, door-code, visitor, contractor and incident drafts out. */
@SpringBootApplication
@EnableKafkaStreams
public class AccessEventsApplication {

    /** Its settings live in access-events.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AccessEventsApplication.class)
                .main(AccessEventsApplication.class)
                .properties("spring.config.name=access-events");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
