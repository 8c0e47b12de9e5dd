package dev.vigil.ingest.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The audit webhook's place in Spring Security: {@code /v1/audit/**} is open to it, stateless and without CSRF —
 * ingest checks its own bearer token or client certificate there ({@code IngestAuthInterceptor}), and the API server
 * is no browser. The first of the filter chains, ahead of the console's login for {@code /v1/**}; in every role, so
 * the webhook's path is never behind the console's login.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class IngestSecurityAutoConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain ingestFilterChain(HttpSecurity http) {
        return http.securityMatcher("/v1/audit", "/v1/audit/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
