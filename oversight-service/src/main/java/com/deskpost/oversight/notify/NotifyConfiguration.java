package com.deskpost.oversight.notify;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code deskpost.oversight.notifications}. */
@Configuration
@EnableConfigurationProperties(NotificationProperties.class)
class NotifyConfiguration {
}
