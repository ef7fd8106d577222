package com.deskpost.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Facility ingest: facility systems that do not speak Kafka POST Avro-JSON events, directory files
 * or their vendor's webhooks (OfficeRnD, Stripe) over HTTP; each is authenticated, validated against
 * the contract and produced to its facility topic in Confluent wire format before the caller is answered.
 */
@SpringBootApplication
public class IngestApplication {

    /** Its settings live in ingest-service.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestApplication.class)
                .main(IngestApplication.class)
                .properties("spring.config.name=ingest-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
