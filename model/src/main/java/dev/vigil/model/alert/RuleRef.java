package dev.vigil.model.alert;

/** ECS {@code rule.*}: which Vigil rule fired; {@code reference} names the BSI requirement(s). */
public record RuleRef(String id, String name, String description, String version, String ruleset, String reference) {
}
