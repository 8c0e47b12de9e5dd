package dev.vigil.streams.rules.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * A rule's own test cases. Each item is an audit event written inline, or a case
 * {@code {name, event | ref, severity, message, details}} where {@code ref} names a file of events (JSON, JSON
 * lines) relative to the rule file and the other keys are expectations on the alert.
 */
public record TestsSpec(List<JsonNode> fire, @JsonProperty("no_fire") List<JsonNode> noFire) {

    public TestsSpec {
        fire = fire == null ? List.of() : List.copyOf(fire);
        noFire = noFire == null ? List.of() : List.copyOf(noFire);
    }
}
