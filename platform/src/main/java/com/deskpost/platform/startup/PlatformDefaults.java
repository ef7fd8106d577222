package com.deskpost.platform.startup;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of settings the platform itself reads, as the lowest-precedence property source, so they
 * are settings like any other: {@link DevelopmentSettingsGuard} sees the development actuator key as it
 * sees every service's own defaults. Registered in {@code META-INF/spring.factories}.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "deskpostPlatformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME,
                    Map.of("deskpost.actuator.key", "dev-only-actuator-key")));
        }
    }
}
