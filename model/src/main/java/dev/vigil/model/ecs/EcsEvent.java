package dev.vigil.model.ecs;

import java.time.Instant;
import java.util.List;

/** ECS {@code event.*}: kind {@code alert} for alerts, {@code event} for evidence documents. */
public record EcsEvent(String kind, String id, Instant created, Integer severity, List<String> category,
                       String dataset, String action, String outcome) {
}
