package com.deskpost.oversight;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The oversight service: applies the operator's oversight policy to every draft. */
@SpringBootApplication
@EnableKafkaStreams
public class OversightApplication {

    /** Its settings live in oversight-service.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(OversightApplication.class)
                .main(OversightApplication.class)
                .properties("spring.config.name=oversight-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
