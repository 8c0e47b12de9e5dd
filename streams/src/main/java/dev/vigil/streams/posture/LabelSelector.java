package dev.vigil.streams.posture;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}, all ANDed) with the API server's
 * semantics: {@code In}, {@code NotIn} (also true when the label is absent), {@code Exists}, {@code DoesNotExist}.
 * An empty selector selects every pod; an operator Kubernetes does not know selects nothing.
 */
record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    record Requirement(String key, String operator, List<String> values) {
        Requirement {
            values = values == null ? List.of() : List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator == null ? "" : operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
        }
    }

    LabelSelector {
        matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    static LabelSelector of(JsonNode selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode match = selector.path("matchLabels");
        if (match.isObject()) {
            match.properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
        }
        List<Requirement> expressions = new ArrayList<>();
        for (JsonNode expression : selector.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(value -> values.add(value.asString()));
            expressions.add(new Requirement(expression.path("key").asString(""),
                    expression.path("operator").asString(""), values));
        }
        return new LabelSelector(labels, expressions);
    }

    /** {@code podSelector: {}}: every pod of the namespace. */
    boolean selectsAll() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> label : matchLabels.entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return matchExpressions.stream().allMatch(requirement -> requirement.matches(labels));
    }
}
