package dev.vigil.console.security;

/**
 * What a console user may do: viewers read alerts, evidence, compliance and rules; analysts also triage alerts and
 * search all evidence ({@code /v1/search}); admins also read the dead letters and the actuator.
 */
public enum ConsoleRole {
    VIEWER, ANALYST, ADMIN;

    /** The Spring Security authority name, {@code ROLE_VIEWER} / {@code ROLE_ADMIN}. */
    String authority() {
        return "ROLE_" + name();
    }
}
