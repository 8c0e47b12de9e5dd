package dev.vigil.streams.rules.cel;

import dev.cel.common.values.NullValue;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A JSON object read by CEL field by field is the same map the eager conversion gave, in the same order. */
class JsonMapTest {

    private final Object map = CelValues.fromJson(VigilJson.mapper().readTree("""
            {"kind":"Pod","metadata":{"name":"web","labels":{"b":"2","a":"1"}},"n":3,"x":null,"ok":true,
             "spec":{"containers":[{"name":"app","ports":[{"containerPort":8080}]}]}}"""));

    @Test
    void readsFieldsAsCelValuesAndIteratesInTheObjectsOrder() {
        Map<?, ?> pod = (Map<?, ?>) map;
        assertThat(pod.get("n")).isEqualTo(3L);
        assertThat(pod.get("x")).isEqualTo(NullValue.NULL_VALUE);
        assertThat(pod.containsKey("x")).isTrue();
        assertThat(pod.containsKey("missing")).isFalse();
        assertThat(pod.get("missing")).isNull();
        assertThat(pod.get("spec")).isEqualTo(Map.of("containers", List.of(Map.of("name", "app",
                "ports", List.of(Map.of("containerPort", 8080L))))));
        assertThat(pod.keySet()).hasToString("[kind, metadata, n, x, ok, spec]");
        assertThat(((Map<?, ?>) ((Map<?, ?>) pod.get("metadata")).get("labels")).keySet()).hasToString("[b, a]");
        assertThat(pod.size()).isEqualTo(6);
        assertThat(pod).isEqualTo(Map.of("kind", "Pod", "metadata", Map.of("name", "web",
                        "labels", Map.of("b", "2", "a", "1")), "n", 3L, "x", NullValue.NULL_VALUE, "ok", true,
                "spec", pod.get("spec")));
        assertThat(pod.get("metadata")).as("converted once").isSameAs(pod.get("metadata"));
    }
}
