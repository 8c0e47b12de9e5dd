package dev.vigil.model.ecs;

/** ECS {@code user_agent.original}. */
public record EcsUserAgent(String original) {
}
