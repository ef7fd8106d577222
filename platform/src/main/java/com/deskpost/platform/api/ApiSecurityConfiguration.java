package com.deskpost.platform.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Every HTTP endpoint needs an API key (DESIGN §4), and each /api endpoint the key's scope for it
 * ({@link ApiScope}: read, contacts, erasure, deliverability, subject-access), except health (its status; details need a key),
 * the Prometheus scrape (counts by category and location, no addresses or ids), the OpenAPI document and
 * what a service declares public in its {@link PublicPaths} (delivery's unsubscribe links, which are
 * opened by members from their mail and carry a signed token instead). Stateless: each request
 * authenticates itself; there is no session to ride on, which is also why CSRF protection is off: a
 * browser never sends a bearer key on its own, and a public POST (the one-click unsubscribe) is
 * authorised by a token in its URL, not by anything ambient. A service with the Deskpost JSON API
 * imports this configuration; the same keys and scopes then work on every such service.
 */
@Configuration
@EnableConfigurationProperties(ApiClientsProperties.class)
@Import(ApiErrors.class)
public class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    static final String[] PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/error"};

    /** Also a bean so Spring Boot does not create its default user with a generated password. */
    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiClientsProperties clients) {
        if (clients.clients().isEmpty()) {
            log.warn("No API clients configured (deskpost.api.clients): every /api request will be refused");
        }
        clients.clients().stream().filter(client -> client.scopes().isEmpty()).forEach(client -> log.warn(
                "API client {} has no scopes (deskpost.api.clients[n].scopes: read, contacts, erasure, deliverability, "
                        + "subject-access): "
                        + "every /api request it makes will be refused", client.id()));
        return new ApiKeyAuthenticationProvider(clients);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider keys, ObjectMapper json,
            ObjectProvider<PublicPaths> servicePaths) throws Exception {
        SecurityErrors errors = new SecurityErrors(json);
        String[] publicPaths = Stream.concat(Stream.of(PUBLIC_PATHS),
                servicePaths.orderedStream().flatMap(paths -> paths.patterns().stream())).toArray(String[]::new);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authenticationProvider(keys)
                .addFilterBefore(new BearerKeyFilter(keys, errors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(publicPaths).permitAll()
                        .requestMatchers(ApiScope.ERASURE.paths()).hasAuthority(ApiScope.ERASURE.authority())
                        .requestMatchers(ApiScope.SUBJECT_ACCESS.paths())
                        .hasAuthority(ApiScope.SUBJECT_ACCESS.authority())
                        .requestMatchers(ApiScope.CONTACTS.paths()).hasAuthority(ApiScope.CONTACTS.authority())
                        .requestMatchers(ApiScope.READ.paths()).hasAuthority(ApiScope.READ.authority())
                        .requestMatchers(ApiScope.DELIVERABILITY.paths())
                        .hasAuthority(ApiScope.DELIVERABILITY.authority())
                        // Anything else (an unknown path, answered 404) needs a recognised key, whatever its scopes.
                        .anyRequest().hasAuthority(ApiKeyAuthentication.AUTHORITY))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .build();
    }
}
