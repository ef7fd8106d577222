package com.deskpost.delivery;

import com.deskpost.delivery.feedback.FeedbackProperties;
import com.deskpost.delivery.feedback.ReturnPaths;
import com.deskpost.delivery.preferences.PreferenceLinks;
import com.deskpost.delivery.sending.DeliveryProperties;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import com.deskpost.platform.api.ApiSecurityConfiguration;
import com.deskpost.platform.api.PublicPaths;
import com.deskpost.platform.attestation.AttestationProperties;
import com.deskpost.platform.attestation.ReleaseAttestation;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Delivery's beans that are plain classes rather than components. */
@Configuration
@EnableConfigurationProperties({DeliveryProperties.class, AttestationProperties.class, FeedbackProperties.class})
@Import(ApiSecurityConfiguration.class)
class DeliveryConfiguration {

    /** The unsubscribe links are opened by members from their mail: their signed token, not an API key, admits them. */
    @Bean
    PublicPaths unsubscribeLinks() {
        return new PublicPaths(List.of("/unsubscribe/**"));
    }

    @Bean
    UnsubscribeTokens unsubscribeTokens(DeliveryProperties properties) {
        return new UnsubscribeTokens(properties.unsubscribeSecret());
    }

    /** Checks that each record on mail.outbound.* is what oversight released (DESIGN §4). */
    @Bean
    ReleaseAttestation releaseAttestation(AttestationProperties properties) {
        return properties.attestation();
    }

    /** Every mail's signed envelope sender, and the check of the return path a report comes back to. */
    @Bean
    ReturnPaths returnPaths(FeedbackProperties properties) {
        return properties.returnPaths();
    }

    @Bean
    MessageFactory messageFactory(UnsubscribeTokens tokens, PreferenceLinks preferences, DeliveryProperties properties) {
        return new MessageFactory(tokens, preferences, properties.publicBaseUrl());
    }
}
