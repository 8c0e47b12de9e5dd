package dev.vigil.streams.rules;

import dev.vigil.model.json.VigilJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules auto-configuration: not role-guarded, binds {@code vigil.rules.*}, publishes metrics. */
class RulesAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RulesAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void loadsTheRulesForEveryRoleWithSiteConfiguration() {
        runner.withPropertyValues("vigil.roles=alerting",
                        "vigil.rules.lists.network-admins=alice@example.com,netops-bot",
                        "vigil.rules.exceptions.privileged-pod.monitoring.namespaces=monitoring",
                        "vigil.rules.exceptions.privileged-pod.monitoring.images=quay.io/prometheus/node-exporter:*",
                        "vigil.rules.disabled=pod-default-service-account",
                        "vigil.rules.long-lived-pod.limit=12h",
                        "vigil.rules.long-lived-pod.exempt-namespaces=batch",
                        "vigil.rules.long-lived-pod.exempt-labels[vigil.dev/long-running]=*")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RuleEngine engine = (RuleEngine) context.getBean(DetectionEngine.class);
                    assertThat(engine.rules()).hasSize(RuleEngine.load(RulesProperties.defaults()).rules().size());
                    assertThat(engine.lists().get("network_admins")).containsExactly("alice@example.com", "netops-bot");
                    assertThat(engine.isDisabled("pod-default-service-account")).isTrue();
                    assertThat(engine.longLivedPod().limit()).isEqualTo(Duration.ofHours(12));
                    assertThat(engine.longLivedPod().exemptNamespaces()).contains("batch", "kube-system");
                    assertThat(engine.longLivedPod().exempt("shop", java.util.Map.of("vigil.dev/long-running", "x")))
                            .isTrue();
                    RulesProperties properties = context.getBean(RulesProperties.class);
                    assertThat(properties.exceptions().get("privileged-pod").get("monitoring").images())
                            .containsExactly("quay.io/prometheus/node-exporter:*");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("vigil.rules.loaded").gauge().value()).isEqualTo(engine.rules().size());
                    assertThat(meters.get("vigil.rules.evaluation.errors").tag("rule", "cni-change")
                            .functionCounter().count()).isZero();
                });
    }

    @Test
    void aMissingRuleFolderStopsStartupWithTheReason() {
        runner.withPropertyValues("vigil.rules.directory=/no/such/rules")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(RuleLoadException.class)
                        .hasMessageContaining("/no/such/rules"));
    }

    @Test
    void aNonPositiveLimitIsRejected() {
        runner.withPropertyValues("vigil.rules.long-lived-pod.limit=0s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("must be positive"));
    }

    @Test
    void everyPropertyIsDocumented() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode metadata = VigilJson.mapper().readTree(in);
            List<JsonNode> rules = metadata.path("properties").valueStream()
                    .filter(p -> p.path("name").asString().startsWith("vigil.rules.")).toList();
            assertThat(rules).extracting(p -> p.path("name").asString()).contains("vigil.rules.directory",
                    "vigil.rules.lists", "vigil.rules.exceptions", "vigil.rules.disabled",
                    "vigil.rules.long-lived-pod.limit", "vigil.rules.long-lived-pod.exempt-namespaces",
                    "vigil.rules.long-lived-pod.exempt-labels");
            assertThat(rules).allSatisfy(p -> assertThat(p.path("description").asString()).as(p.path("name")
                    .asString()).isNotBlank());
        }
    }
}
