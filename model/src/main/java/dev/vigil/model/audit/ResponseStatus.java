package dev.vigil.model.audit;

import tools.jackson.databind.JsonNode;

/** The {@code meta/v1 Status} of a response; {@code details} stays a JSON tree. */
public record ResponseStatus(Integer code, String status, String reason, String message, JsonNode details) {
}
