package com.deskpost.platform.startup;

import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a service outside the {@value DevelopmentSettings#PROFILE} profile while any of its
 * settings holds a development value ({@link DevelopmentSettings}). It runs before any bean is made, so
 * a refused service has opened no connection and consumed nothing; it judges its own application
 * context's environment, so services sharing one JVM (dev-stack) are judged each on their own settings.
 */
public class DevelopmentSettingsGuard implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /** Throws {@link DevelopmentSettingsRefused} naming every development setting, unless the profile is active. */
    public static void check(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)
                || environment.acceptsProfiles(Profiles.of(DevelopmentSettings.PROFILE))) {
            return;
        }
        List<DevelopmentSettings.Finding> findings = DevelopmentSettings.in(configurable);
        if (!findings.isEmpty()) {
            throw new DevelopmentSettingsRefused(findings);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
