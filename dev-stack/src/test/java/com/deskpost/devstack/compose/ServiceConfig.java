package com.deskpost.devstack.compose;

import com.deskpost.platform.startup.DevelopmentSettings;
import com.deskpost.platform.startup.PlatformDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A Deskpost service's settings as it sees them in its container: its own settings file (e.g.
 * {@code delivery-service.yml}) under the container's environment, bound the way Spring Boot binds them
 * (relaxed names: {@code SPRING_KAFKA_BOOTSTRAPSERVERS} is {@code spring.kafka.bootstrap-servers}).
 */
final class ServiceConfig {

    private final StandardEnvironment environment;
    private final List<String> fileKeys;
    private final Binder binder;

    private ServiceConfig(StandardEnvironment environment, List<String> fileKeys) {
        this.environment = environment;
        this.fileKeys = fileKeys;
        this.binder = Binder.get(environment);
    }

    /** The service's settings file from the classpath, else from its module (a service dev-stack does not depend on). */
    static ServiceConfig of(String configName, Map<String, String> containerEnvironment) throws IOException {
        Resource file = new ClassPathResource(configName + ".yml");
        if (!file.exists()) {
            Path module = Repository.file(configName + "/src/main/resources/" + configName + ".yml");
            if (!Files.isRegularFile(module)) {
                throw new IllegalStateException(configName + ".yml is neither on the classpath nor at " + module);
            }
            file = new FileSystemResource(module);
        }
        return of(new YamlPropertySourceLoader().load(configName + ".yml", file), containerEnvironment);
    }

    static ServiceConfig of(List<PropertySource<?>> settingsFile, Map<String, String> containerEnvironment) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        // Only what the container's JVM sees: not this test JVM's own environment and system properties.
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addLast(new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                Map.of("java.io.tmpdir", "/tmp")));
        // Under this name Spring Boot maps environment variables with its relaxed rules.
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new HashMap<>(containerEnvironment)));
        List<String> keys = new ArrayList<>();
        for (PropertySource<?> source : settingsFile) {
            sources.addLast(source);
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                keys.addAll(List.of(enumerable.getPropertyNames()));
            }
        }
        new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        ConfigurationPropertySources.attach(environment);
        return new ServiceConfig(environment, List.copyOf(keys));
    }

    /** The settings that hold a development value, which the service refuses outside the dev profile. */
    List<DevelopmentSettings.Finding> developmentSettings() {
        return DevelopmentSettings.in(environment);
    }

    /** Every property of the settings file, e.g. {@code deskpost.api.clients[0].key}. */
    List<String> fileKeys() {
        return fileKeys;
    }

    /** The property's value with placeholders resolved; fails on a placeholder nothing sets. */
    Optional<String> get(String property) {
        BindResult<String> result = binder.bind(property, String.class);
        return result.isBound() ? Optional.of(result.get()) : Optional.empty();
    }

    List<String> list(String property) {
        return binder.bind(property, Bindable.listOf(String.class)).orElse(List.of());
    }

    /** Binds a {@code @ConfigurationProperties} type as the service does, running its validation. */
    <T> T bind(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, type);
    }

    /** Placeholders in the settings file that neither the container nor a default resolves. */
    List<String> unresolvedPlaceholders() {
        List<String> problems = new ArrayList<>();
        for (String key : fileKeys) {
            try {
                environment.getProperty(key);
            } catch (IllegalArgumentException unresolved) {
                problems.add(key + ": " + unresolved.getMessage());
            }
        }
        return problems;
    }
}
