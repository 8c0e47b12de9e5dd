package dev.vigil.model.ecs;

/** ECS {@code source.ip}: the first of the audit event's sourceIPs. */
public record EcsSource(String ip) {
}
