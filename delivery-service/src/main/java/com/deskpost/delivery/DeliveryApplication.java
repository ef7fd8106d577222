package com.deskpost.delivery;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The delivery service: released mail out over SMTP, once per recipient; the audit store. */
@SpringBootApplication
@EnableKafkaStreams
public class DeliveryApplication {

    /** Its settings live in delivery-service.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DeliveryApplication.class)
                .main(DeliveryApplication.class)
                .properties("spring.config.name=delivery-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
