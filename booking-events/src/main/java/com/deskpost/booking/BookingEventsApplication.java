package com.deskpost.booking;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The booking composer: facility.bookings in, booking mail drafts out. */
@SpringBootApplication
@EnableKafkaStreams
public class BookingEventsApplication {

    /** Its settings live in booking-events.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BookingEventsApplication.class)
                .main(BookingEventsApplication.class)
                .properties("spring.config.name=booking-events");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
