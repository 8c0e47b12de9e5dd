package dev.vigil.model.ecs;

import java.util.List;

/** ECS {@code user.*}: the principal, and the impersonated one as {@code user.target} when there is one. */
public record EcsUser(String name, Group group, EcsUser target) {

    public record Group(List<String> name) {
    }

    public static EcsUser of(String name, List<String> groups) {
        return new EcsUser(name, groups == null || groups.isEmpty() ? null : new Group(List.copyOf(groups)), null);
    }
}
