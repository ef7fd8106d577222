package com.deskpost.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The audit service: every service's audit events, from mail.audit into one hash-chained store of its
 * own, queried by recipient, booking, thread and time, verified on request, and pseudonymised when
 * mail.consent announces an erasure.
 */
@SpringBootApplication
public class AuditApplication {

    /** Its settings live in audit-service.yml, so several services can share one classpath (dev-stack). */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuditApplication.class)
                .main(AuditApplication.class)
                .properties("spring.config.name=audit-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
