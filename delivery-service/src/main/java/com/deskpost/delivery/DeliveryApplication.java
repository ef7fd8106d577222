package com.deskpost.delivery;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The delivery service: released mail out over SMTP, once per recipient, recorded in its ledger. */
@SpringBootApplication
@EnableKafkaStreams
public class DeliveryApplication {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Jakarta Mail 2.1 finds its StreamProvider by a ServiceLoader scan on every multipart and body part it
        // builds or writes (jakartaee/mail-api#861): a third of delivery's CPU in the bench. Naming it skips the scan.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, MailStreamProvider.class.getName());
        }
    }

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
