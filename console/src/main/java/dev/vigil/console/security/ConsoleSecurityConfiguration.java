package dev.vigil.console.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;

/**
 * HTTP security of every Vigil role that serves HTTP. Two filter chains, most specific first, after the ingest
 * module's chain for {@code /v1/audit/**} (order 1, open to ingest's own token check, no CSRF):
 * <ol>
 *   <li>{@code /v1/**} and {@code /actuator/**}: HTTP basic or the console's session; unauthenticated requests get
 *       {@code 401} with {@code WWW-Authenticate}, never a redirect; health is open, Prometheus when configured;</li>
 *   <li>everything else (the console): form login with Vigil's login page.</li>
 * </ol>
 * Every login, form or basic, goes through the {@link LoginThrottle} and into the {@link AccessLog}. Basic
 * credentials authenticate one request and open no session; the session cookie of the form login is
 * {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} whenever the request came over TLS (directly, or
 * through a proxy whose forwarded headers Spring Boot is told to trust).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({ConsoleSecurityProperties.class, LoginThrottleProperties.class})
public class ConsoleSecurityConfiguration {

    static final String LOGIN_PAGE = "/login";
    private static final String REALM = "Vigil";
    private static final String VIEWER = ConsoleRole.VIEWER.name();
    private static final String ANALYST = ConsoleRole.ANALYST.name();
    private static final String ADMIN = ConsoleRole.ADMIN.name();
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager consoleUserDetailsService(ConsoleSecurityProperties properties, PasswordEncoder encoder) {
        return ConsoleUsers.of(properties, encoder, System.out);
    }

    /** Admins may do everything analysts may, analysts everything viewers may. */
    @Bean
    static RoleHierarchy consoleRoleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(ADMIN).implies(ANALYST).role(ANALYST).implies(VIEWER)
                .build();
    }

    @Bean
    LoginThrottle consoleLoginThrottle(LoginThrottleProperties properties) {
        return new LoginThrottle(properties, Clock.systemUTC());
    }

    /** Publishes form and basic logins alike as events, which {@link LoginEventListener} records. */
    @Bean
    AuthenticationEventPublisher consoleAuthenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }

    @Bean
    LoginEventListener consoleLoginEventListener(LoginThrottle throttle) {
        return new LoginEventListener(throttle);
    }

    /** Tomcat marks the session cookie {@code HttpOnly}, and {@code Secure} on TLS requests; this adds SameSite. */
    @Bean
    CookieSameSiteSupplier consoleSessionCookieSameSite() {
        return CookieSameSiteSupplier.ofLax();
    }

    @Bean
    LoginPageController consoleLoginPage() {
        return new LoginPageController();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ConsoleSecurityProperties properties,
                                       LoginThrottle throttle) {
        return http.securityMatcher("/v1/**", "/actuator/**")
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    if (properties.prometheusOpen()) {
                        requests.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    requests.requestMatchers("/actuator/**").hasRole(ADMIN);
                    requests.requestMatchers(HttpMethod.PUT, "/v1/alerts/*/triage").hasRole(ANALYST);
                    requests.requestMatchers(HttpMethod.POST, "/v1/alerts/triage").hasRole(ANALYST);
                    requests.requestMatchers("/v1/dead-letters", "/v1/dead-letters/**").hasRole(ADMIN);
                    // Searching reads anyone's requests across the cluster, beyond an alert's own evidence.
                    requests.requestMatchers("/v1/search", "/v1/search/**").hasRole(ANALYST);
                    requests.anyRequest().hasRole(VIEWER);
                })
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(ApiProblems.unauthorized(REALM)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ApiProblems.unauthorized(REALM))
                        .accessDeniedHandler(ApiProblems.forbidden(REALM)))
                // A basic-auth client without a session has no CSRF token to send and needs none: its writes take
                // JSON bodies only, which no cross-site form can send.
                .csrf(csrf -> csrf.csrfTokenRepository(new NoSessionForBasicCsrfTokens())
                        .ignoringRequestMatchers(NoSessionForBasicCsrfTokens::basicWithoutSession))
                // Not a bean: a Filter bean would also run outside Spring Security, on every request.
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, LoginThrottle throttle) {
        return http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(LOGIN_PAGE, "/assets/**", "/favicon.ico", "/error").permitAll()
                        .anyRequest().hasRole(VIEWER))
                .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/", false))
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
