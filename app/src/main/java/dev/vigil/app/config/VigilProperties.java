package dev.vigil.app.config;

import dev.vigil.model.role.Role;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which roles this process runs ({@code vigil.roles}). Binding to the {@link Role} enum rejects a misspelt role at
 * start-up instead of silently running nothing.
 *
 * @param roles the roles this process runs, comma-separated ({@code VIGIL_ROLES=ingest,streams}); every role by
 *              default, so one process is a complete installation
 */
@ConfigurationProperties("vigil")
@Validated
public record VigilProperties(@DefaultValue({"ingest", "streams", "alerting", "console"}) @NotEmpty List<Role> roles) {

    public VigilProperties {
        roles = List.copyOf(roles);
    }

    /** Whether any configured role reads or writes OpenSearch. */
    public boolean usesOpenSearch() {
        return roles.stream().anyMatch(Role::usesOpenSearch);
    }
}
