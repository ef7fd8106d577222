package com.deskpost.ingest.feedback;

import com.deskpost.ingest.events.EventProducer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feedback webhooks' shared pieces: one replay store for all providers, the SNS certificate cache, the intake. */
@Configuration
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FeedbackConfiguration.class);

    @Bean
    ReplayGuard feedbackReplayGuard(FeedbackProperties properties) {
        log.info("Feedback webhooks enabled: ses={}, postmark={}, sendgrid={}, mailgun={}; replay window {}",
                properties.ses().enabled(), properties.postmark().enabled(), properties.sendgrid().enabled(),
                properties.mailgun().enabled(), properties.replayWindow());
        return new ReplayGuard(properties.replayWindow(), properties.replayCapacity(), Clock.systemUTC());
    }

    @Bean
    SnsCertificates snsCertificates(FeedbackProperties properties) {
        return new SnsCertificates(Pattern.compile(properties.ses().snsUrlPattern()));
    }

    @Bean
    FeedbackIntake feedbackIntake(ReplayGuard feedbackReplayGuard, EventProducer producer, MeterRegistry meters) {
        return new FeedbackIntake(feedbackReplayGuard, producer, meters);
    }
}
