package com.deskpost.oversight.api;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every door is authenticated: the decision API with HTTP Basic (stateless, JSON 401), the ops
 * page with a sign-in form and CSRF protection. Only health and the sign-in page are open.
 */
@Configuration
@EnableConfigurationProperties(StaffProperties.class)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(jsonUnauthorized()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(jsonUnauthorized()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic-authenticated JSON API: no cookies, so no CSRF exposure.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain opsPage(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/ops/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/ops/login").defaultSuccessUrl("/ops", true).permitAll())
                .logout(logout -> logout.logoutUrl("/ops/logout").logoutSuccessUrl("/ops/login?signedOut"))
                .build();
    }

    @Bean
    UserDetailsService staff(StaffProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (StaffProperties.Account account : properties.staff()) {
            users.createUser(User.withUsername(account.memberId()).password(account.password()).roles("STAFF").build());
        }
        return users;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, exception) -> {
            response.setStatus(401);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("WWW-Authenticate", "Basic realm=\"deskpost-oversight\"");
            response.getOutputStream().write(("{\"error\":\"unauthorized\",\"message\":\"Sign in with HTTP Basic: "
                    + "your staff member id and password.\"}").getBytes(StandardCharsets.UTF_8));
        };
    }
}
