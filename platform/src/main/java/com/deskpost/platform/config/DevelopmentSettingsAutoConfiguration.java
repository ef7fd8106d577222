package com.deskpost.platform.config;

import com.deskpost.platform.startup.DevelopmentSettingsGuard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every Deskpost service refuses to start on development secrets outside the development profile. */
@AutoConfiguration
public class DevelopmentSettingsAutoConfiguration {

    /** Static: a bean factory post-processor must not make its configuration class early. */
    @Bean
    static DevelopmentSettingsGuard developmentSettingsGuard() {
        return new DevelopmentSettingsGuard();
    }
}
