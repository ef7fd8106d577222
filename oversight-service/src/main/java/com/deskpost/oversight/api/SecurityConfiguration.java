package com.deskpost.oversight.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import com.deskpost.oversight.staff.StaffAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every door is authenticated: the decision API with HTTP Basic (stateless, JSON 401), the ops
 * page with a sign-in form and CSRF protection. Only health, the Prometheus scrape and the sign-in page are open. Staff
 * accounts reach the staff API and the ops page; agent gateway accounts only the agent API
 * ({@code /api/v1/agents/**}), where they act as an agent they are bound to ({@link AgentGatewayBinding})
 * and never as a person; subject-access clients (delivery-service) only the subject-access API, and no other
 * account that one. Staff accounts are stored in PostgreSQL and read at each sign-in ({@link SignInAccounts}), so an
 * admin's change counts at once on every replica; an ops-page session whose account was since disabled or
 * given or relieved of the admin role ends at its next request ({@link ChangedAccountSessions}). Passwords are stored hashed ({@link StoredPasswords}); repeated failed sign-ins
 * are throttled per account and per client address on every door ({@link ThrottledAuthentication}): the
 * API answers a JSON 429 with Retry-After, the sign-in page says so. The ops page's session (sign-in,
 * CSRF token, one-time messages) is kept in PostgreSQL by Spring Session, like the throttle's counts,
 * so any replica serves any signed-in staff member and a sign-out on one ends the session on all.
 */
@Configuration
@EnableConfigurationProperties({StaffProperties.class, LoginThrottleProperties.class})
class SecurityConfiguration {

    static final String STAFF = "STAFF";
    /** Staff who may change the policy, staff accounts and templates at runtime (/api/v1/admin, /ops/admin). */
    static final String ADMIN = "ADMIN";
    static final String[] ADMIN_PATHS = {"/api/v1/admin/**", "/ops/admin/**"};
    private static final String AGENT_GATEWAY = "AGENT_GATEWAY";
    private static final String SUBJECT_ACCESS = "SUBJECT_ACCESS";
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ThrottledAuthentication signIn) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(signIn)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(AgentGatewayBinding.AGENT_PATHS).access(new AgentGatewayBinding())
                        .requestMatchers("/api/v1/agents/**").hasRole(AGENT_GATEWAY)
                        .requestMatchers(SubjectAccessController.PATHS).hasRole(SUBJECT_ACCESS)
                        .requestMatchers(ADMIN_PATHS).hasRole(ADMIN)
                        .anyRequest().hasRole(STAFF))
                .httpBasic(basic -> basic.authenticationEntryPoint(jsonUnauthorized()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(jsonUnauthorized())
                        .accessDeniedHandler((request, response, denied) -> {
                            response.setStatus(403);
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            String body = AgentGatewayBinding.refusal(request,
                                            SecurityContextHolder.getContext().getAuthentication())
                                    .map(message -> "{\"error\":\"agent_not_bound\",\"message\":\"" + message + "\"}")
                                    .orElse("{\"error\":\"forbidden\",\"message\":\"This account cannot use this API:"
                                            + " staff accounts use /api/v1/pending, admins also /api/v1/admin,"
                                            + " agent gateways /api/v1/agents,"
                                            + " subject-access clients /api/v1/subject-access.\"}");
                            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
                        }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic-authenticated JSON API: no cookies, so no CSRF exposure.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain opsPage(HttpSecurity http, ThrottledAuthentication signIn, StaffAccounts accounts)
            throws Exception {
        ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
        failed.setDefaultFailureUrl("/ops/login?error");
        failed.setExceptionMappings(Map.of(LoginThrottled.class.getName(), "/ops/login?throttled"));
        return http
                .authenticationManager(signIn)
                .authorizeHttpRequests(auth -> auth
                        // Probes and the Prometheus scrape (counts by category and location, no addresses or ids).
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/ops/login",
                                "/error").permitAll()
                        .requestMatchers(ADMIN_PATHS).hasRole(ADMIN)
                        .anyRequest().hasRole(STAFF))
                .formLogin(form -> form.loginPage("/ops/login").defaultSuccessUrl("/ops", true).failureHandler(failed)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/ops/logout").logoutSuccessUrl("/ops/login?signedOut"))
                // Not a bean: Spring Boot would register it for every request, the API's too.
                .addFilterBefore(new ChangedAccountSessions(accounts), AuthorizationFilter.class)
                .build();
    }

    /**
     * Staff accounts from PostgreSQL (seeded from {@code deskpost.oversight.staff}, then managed at /ops/admin);
     * agent gateways and subject-access clients from the configuration.
     */
    @Bean
    SignInAccounts staff(StaffProperties properties, Environment environment, StaffAccounts accounts,
            PasswordEncoder encoder, TransactionTemplate tx) {
        StoredPasswords.check(properties, environment);
        StaffSeed.seed(properties.staff(), accounts, encoder, tx);
        InMemoryUserDetailsManager services = new InMemoryUserDetailsManager();
        for (StaffProperties.Gateway gateway : properties.agentGateways()) {
            if (gateway.agents().isEmpty()) {
                log.warn("Agent gateway {} has no agents (deskpost.oversight.agent-gateways[n].agents): "
                        + "every agent API call it makes will be refused", gateway.id());
            }
            services.createUser(User.withUsername(gateway.id()).password(gateway.password())
                    .authorities(AgentGatewayBinding.authorities(gateway)).build());
        }
        for (StaffProperties.SubjectAccessClient client : properties.subjectAccessClients()) {
            services.createUser(User.withUsername(client.id()).password(client.password()).roles(SUBJECT_ACCESS).build());
        }
        return new SignInAccounts(services, accounts);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Failed sign-ins, counted in PostgreSQL by every replica together. */
    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties properties, JdbcTemplate jdbc) {
        return new LoginThrottle(properties, jdbc, Clock.systemUTC());
    }

    /** Sign-in by password, behind the throttle of failed attempts per account and per address. */
    @Bean
    ThrottledAuthentication signIn(SignInAccounts staff, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(staff);
        passwords.setPasswordEncoder(encoder);
        return new ThrottledAuthentication(new ProviderManager(passwords), throttle);
    }

    private static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, exception) -> {
            if (exception instanceof LoginThrottled throttled) {
                response.setStatus(429);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                response.getOutputStream().write(("{\"error\":\"too_many_failed_sign_ins\",\"message\":\"Too many "
                        + "failed sign-ins for this account or from this address: try again in "
                        + throttled.retryAfterSeconds() + " seconds, with the right password.\",\"retryAfterSeconds\":"
                        + throttled.retryAfterSeconds() + "}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (exception instanceof AuthenticationServiceException) {
                response.setStatus(503);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setHeader("Retry-After", "60");
                response.getOutputStream().write(("{\"error\":\"sign_in_unavailable\",\"message\":\"Sign-in cannot "
                        + "be checked now: oversight's database does not answer. Nothing was done; try again in a "
                        + "minute.\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            response.setStatus(401);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("WWW-Authenticate", "Basic realm=\"deskpost-oversight\"");
            response.getOutputStream().write(("{\"error\":\"unauthorized\",\"message\":\"Sign in with HTTP Basic: "
                    + "your staff member id and password.\"}").getBytes(StandardCharsets.UTF_8));
        };
    }
}
