package dev.vigil.model.alert;

import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertJsonTest {

    static Alert anonymousAlert() {
        Instant at = Instant.parse("2024-05-01T10:00:00Z");
        return new Alert(at, "Anonymous user created clusterrolebindings/pwn (allowed)",
                new EcsEvent("alert", "abc123", at, Severity.CRITICAL.score(), List.of("iam"), "vigil.alert", null, null),
                new RuleRef("anonymous-admin-action", "Anonymous admin action", "…", "1", "vigil-core", "BSI APP.4.4.A3"),
                Threat.mitre(List.of("T1078.001")),
                EcsUser.of("system:anonymous", List.of("system:unauthenticated")),
                new EcsSource("203.0.113.7"), new EcsUserAgent("curl/8.5.0"),
                Orchestrator.kubernetes("prod-1", null, "clusterrolebindings", "pwn", "rbac.authorization.k8s.io/v1"),
                new VigilAlertInfo(Severity.CRITICAL, List.of("APP.4.4.A3"), 1, at, at,
                        new VigilAlertInfo.Evidence(List.of("audit-1"), null)));
    }

    @Test
    void writesTheContractFieldNames() {
        JsonNode json = VigilJson.tree(anonymousAlert());
        assertThat(json.path("@timestamp").asString()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(json.at("/event/severity").asInt()).isEqualTo(99);
        assertThat(json.at("/vigil/severity").asString()).isEqualTo("critical");
        assertThat(json.at("/vigil/first_seen").asString()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(json.at("/vigil/evidence/audit_ids/0").asString()).isEqualTo("audit-1");
        assertThat(json.at("/user_agent/original").asString()).isEqualTo("curl/8.5.0");
        assertThat(json.at("/orchestrator/api_version").asString()).isEqualTo("rbac.authorization.k8s.io/v1");
        assertThat(json.at("/orchestrator/cluster/name").asString()).isEqualTo("prod-1");
        assertThat(json.at("/user/group/name/0").asString()).isEqualTo("system:unauthenticated");
        assertThat(json.at("/threat/technique/id/0").asString()).isEqualTo("T1078.001");
        assertThat(json.path("orchestrator").has("namespace")).isFalse();
    }

    @Test
    void serdeRoundTripsAndRepeatsUpdateCountAndLastSeen() {
        JsonSerde<Alert> serde = JsonSerde.of(Alert.class);
        Alert alert = anonymousAlert();
        Alert back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", alert));
        assertThat(back).isEqualTo(alert);
        Alert repeated = back.repeated(Instant.parse("2024-05-01T10:05:00Z"), "audit-2");
        assertThat(repeated.id()).isEqualTo(alert.id());
        assertThat(repeated.vigil().count()).isEqualTo(2);
        assertThat(repeated.vigil().lastSeen()).isEqualTo(Instant.parse("2024-05-01T10:05:00Z"));
        assertThat(repeated.vigil().evidence().auditIds()).containsExactly("audit-1", "audit-2");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
