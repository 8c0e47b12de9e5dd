package dev.vigil.console.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Who may log in to the console and the {@code /v1} read APIs. Without configured users there is one user
 * {@code admin} whose password is {@code password} (environment {@code VIGIL_CONSOLE_PASSWORD}) or generated and
 * printed once at start.
 *
 * @param users          the console users; empty: the single generated {@code admin}
 * @param password       password of the default {@code admin} when no users are configured; empty: generated
 * @param prometheusOpen serve {@code /actuator/prometheus} without login; otherwise admins only. Off by default,
 *                       but {@code vigil run} with its embedded Kafka (the local default) turns it on: there the
 *                       metrics are open to anyone who reaches the port; set it to {@code false} to close them
 */
@ConfigurationProperties("vigil.console")
@Validated
public record ConsoleSecurityProperties(
        @DefaultValue List<@Valid User> users,
        String password,
        @DefaultValue("false") boolean prometheusOpen) {

    public ConsoleSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * One console user.
     *
     * @param username the login name
     * @param password the password hash with its encoding prefix: {@code {bcrypt}$2a$…} (recommended) or
     *                 {@code {noop}plain-text}
     * @param role     {@code viewer} (read only), {@code analyst} (also triage) or {@code admin}
     */
    public record User(
            @NotBlank String username,
            @NotBlank @Pattern(regexp = "\\{(bcrypt|noop)}.+", message = "must start with {bcrypt} or {noop}")
            String password,
            @NotNull @DefaultValue("viewer") ConsoleRole role) {

        @Override
        public String toString() {
            return "User[username=" + username + ", password=******, role=" + role + "]";
        }
    }

    @Override
    public String toString() {
        return "ConsoleSecurityProperties[users=" + users + ", password="
                + (password == null || password.isEmpty() ? "" : "******") + ", prometheusOpen=" + prometheusOpen + "]";
    }
}
