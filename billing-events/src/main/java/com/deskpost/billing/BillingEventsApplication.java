package com.deskpost.billing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The billing composer: facility.billing in, renewal, receipt, invoice, failed-payment and cancellation drafts out. */
@SpringBootApplication
@EnableKafkaStreams
public class BillingEventsApplication {

    /** Its settings live in billing-events.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BillingEventsApplication.class)
                .main(BillingEventsApplication.class)
                .properties("spring.config.name=billing-events");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
