package dev.vigil.model.alert;

import java.util.List;

/** ECS {@code threat.*}: the MITRE ATT&CK techniques a rule maps to. */
public record Threat(String framework, Technique technique) {

    public record Technique(List<String> id) {
    }

    public static Threat mitre(List<String> techniqueIds) {
        return techniqueIds == null || techniqueIds.isEmpty() ? null
                : new Threat("MITRE ATT&CK", new Technique(List.copyOf(techniqueIds)));
    }
}
