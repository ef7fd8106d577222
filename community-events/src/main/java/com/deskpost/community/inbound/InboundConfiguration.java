package com.deskpost.community.inbound;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inbound doors' settings, and the key check in front of the webhook. */
@Configuration
@EnableConfigurationProperties(InboundProperties.class)
class InboundConfiguration {

    @Bean
    FilterRegistrationBean<WebhookKeyFilter> webhookKeyFilter(InboundProperties properties) {
        FilterRegistrationBean<WebhookKeyFilter> registration =
                new FilterRegistrationBean<>(new WebhookKeyFilter(properties.webhookKey()));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
