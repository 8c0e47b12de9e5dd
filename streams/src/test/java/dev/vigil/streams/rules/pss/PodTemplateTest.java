package dev.vigil.streams.rules.pss;

import dev.vigil.model.audit.RequestSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PodTemplateTest {

    private static final Map<String, Object> POD = Map.of("kind", "Pod",
            "metadata", Map.of("name", "web"),
            "spec", Map.of("containers", List.of(Map.of("name", "web", "image", "nginx:1.27"))));
    private static final Map<String, Object> DEPLOYMENT = Map.of("kind", "Deployment",
            "spec", Map.of("template", Map.of("metadata", Map.of("labels", Map.of("app", "api")),
                    "spec", Map.of("containers", List.of(Map.of("name", "api", "image", "api:2"))))));
    private static final Map<String, Object> LEASE = Map.of("kind", "Lease",
            "spec", Map.of("holderIdentity", "node-1"));

    @Test
    void theSameObjectIsSearchedOnce() {
        assertThat(PodTemplate.of(POD)).isSameAs(PodTemplate.of(POD));
    }

    @Test
    void eachObjectGetsItsOwnAnswerWhateverWasAskedBefore() {
        assertThat(PodTemplate.of(POD).orElseThrow().images()).containsExactly("nginx:1.27");
        assertThat(PodTemplate.of(LEASE)).isEmpty();
        assertThat(PodTemplate.of(DEPLOYMENT).orElseThrow().images()).containsExactly("api:2");
        assertThat(PodTemplate.of(DEPLOYMENT).orElseThrow().metadata().containsKey("labels")).isTrue();
        assertThat(PodTemplate.of(null)).isEmpty();
        assertThat(PodTemplate.of(POD).orElseThrow().images()).containsExactly("nginx:1.27");
        assertThat(PodTemplate.of(Map.of())).isEmpty();
    }

    /**
     * The byte reader tells the detection screen that an event holds no pod when no spec of its objects has one of
     * {@link RequestSummary#POD_SPEC_NAMES}: each name by which a pod is found here must be among them, and a spec
     * with none of them holds no pod.
     */
    @Test
    void aPodIsFoundOnlyByTheNamesTheByteReaderLooksFor() {
        assertThat(RequestSummary.POD_SPEC_NAMES).containsAll(PodTemplate.POD_SPEC_KEYS)
                .contains("template", "jobTemplate");
        for (String name : RequestSummary.POD_SPEC_NAMES) {
            Map<String, Object> spec = Map.of(name, Map.of("spec", Map.of("template", Map.of("spec", Map.of())),
                    "x", 1L));
            assertThat(PodTemplate.of(Map.of("spec", spec))).as(name).isPresent();
        }
        Map<String, Object> nothing = Map.of("spec", Map.of("selector", Map.of("template", Map.of("a", 1L)),
                "status", Map.of("containers", List.of()), "replicas", 3L),
                "template", Map.of("spec", Map.of("containers", List.of())));
        assertThat(PodTemplate.of(nothing)).isEmpty();
    }
}
