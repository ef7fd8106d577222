package com.deskpost.audit.processing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The records of processing's settings ({@code deskpost.processing}). */
@Configuration
@EnableConfigurationProperties(ProcessingProperties.class)
class ProcessingConfiguration {
}
