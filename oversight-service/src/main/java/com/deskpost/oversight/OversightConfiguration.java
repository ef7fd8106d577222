package com.deskpost.oversight;

import com.deskpost.platform.attestation.AttestationProperties;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.streams.GlobalStores;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The oversight service's wiring that properties cannot express. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(AttestationProperties.class)
class OversightConfiguration {

    /** Attests every record oversight writes to mail.outbound.*: delivery sends nothing else (DESIGN §4). */
    @Bean
    ReleaseAttestation releaseAttestation(AttestationProperties properties) {
        return properties.attestation();
    }

    /** The live location and member directories, for decisions and the ops page. */
    @Bean
    GlobalStores directory(StreamsBuilderFactoryBean streams) {
        return new GlobalStores(streams);
    }
}
