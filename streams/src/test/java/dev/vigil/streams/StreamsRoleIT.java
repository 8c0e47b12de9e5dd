package dev.vigil.streams;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.RulesAutoConfiguration;
import dev.vigil.streams.testing.KafkaTestClients;
import dev.vigil.streams.testing.TestAuditEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The {@code streams} role as the application assembles it (auto-configurations, real rules) on the real embedded
 * broker with exactly-once processing: audit events in, evidence, alerts and dead letters out.
 */
@WithEmbeddedKafka
class StreamsRoleIT {

    private static final Topics TOPICS = new Topics("it-role.audit", "it-role.watch", "it-role.alerts",
            "it-role.evidence", "it-role.dlq");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private static String falco(String file) {
        return AuditTestData.lines(AuditTestData.file("k8s-audit/falco-traces/" + file)).get(0).text();
    }

    private static Map.Entry<String, byte[]> record(String key, String eventJson) {
        return Map.entry(key, TestAuditEvents.encode(eventJson, "it-cluster"));
    }

    @Test
    void auditEventsBecomeEvidenceAlertsAndDeadLettersExactlyOnce(EmbeddedKafka kafka) {
        kafka.createTopics(Map.of(TOPICS.audit(), 2, TOPICS.watch(), 1, TOPICS.alerts(), 1, TOPICS.evidence(), 1,
                TOPICS.dlq(), 1));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RulesAutoConfiguration.class, StreamsAutoConfiguration.class))
                .withBean(KafkaClientSettings.class, () -> KafkaClientSettings.of(kafka.bootstrapServers()))
                .withBean(Topics.class, () -> TOPICS)
                .withPropertyValues("vigil.streams.application-id=it-role", "vigil.streams.state-dir=" + stateDir,
                        "vigil.streams.start-timeout=60s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(KafkaStreamsLifecycle.class).values())
                            .extracting(KafkaStreamsLifecycle::name, KafkaStreamsLifecycle::state)
                            .containsExactlyInAnyOrder(tuple("it-role", KafkaStreams.State.RUNNING),
                                    tuple("it-role-evidence", KafkaStreams.State.RUNNING));
                    replayAndCheck(kafka.bootstrapServers());
                });
    }

    private void replayAndCheck(String bootstrap) {
        String privileged = falco("create_nginx_pod_privileged.json");
        ObjectNode samePodsAgain = (ObjectNode) VigilJson.mapper().readTree(privileged);
        samePodsAgain.put("auditID", "0b4e7d3a-1c2f-4e5a-9b8c-7d6e5f4a3b2c");
        // Two pods of one ReplicaSet on different partitions: one alert (count 2) after the repartition by alert id.
        KafkaTestClients.produce(bootstrap, TOPICS.audit(), 0, List.of(
                record("a", falco("anonymous_creates_namespace_foo.json")),
                record("b", privileged),
                record("c", falco("create_nginx_pod_unprivileged.json")),
                Map.entry("d", falco("fal_01_003.json").getBytes(StandardCharsets.UTF_8))));
        KafkaTestClients.produce(bootstrap, TOPICS.audit(), 1, List.of(record("e", VigilJson.write(samePodsAgain))));

        try (var evidence = new KafkaTestClients.Reader<>(bootstrap, TOPICS.evidence(), Evidence.class);
             var alerts = new KafkaTestClients.Reader<>(bootstrap, TOPICS.alerts(), Alert.class);
             var deadLetters = new KafkaTestClients.Reader<>(bootstrap, TOPICS.dlq(), DeadLetter.class)) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(evidence.poll()).hasSize(4));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deadLetters.poll()).hasSize(1));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(latest(alerts.poll()).values())
                    .anySatisfy(alert -> {
                        assertThat(alert.rule().id()).isEqualTo("privileged-pod");
                        assertThat(alert.vigil().count()).isEqualTo(2);
                    }));

            assertThat(evidence.poll()).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                    "841d3e6d-90d2-43df-8da4-684738bee3d5", "a362d22b-db3c-4590-9505-23782f12925f",
                    "0b4e7d3a-1c2f-4e5a-9b8c-7d6e5f4a3b2c",
                    VigilJson.mapper().readTree(falco("create_nginx_pod_unprivileged.json")).path("auditID").stringValue());
            DeadLetter letter = deadLetters.values().get(0);
            assertThat(letter.source()).isEqualTo("streams:it-role.audit/0@3");
            assertThat(letter.payload()).isEqualTo(falco("fal_01_003.json"));

            Map<String, Alert> latest = latest(alerts.poll());
            assertThat(latest.values()).extracting(alert -> alert.rule().id())
                    .contains("anonymous-admin-action", "privileged-pod", "pod-security-restricted");
            assertThat(latest.values()).filteredOn(alert -> alert.rule().id().equals("privileged-pod")).hasSize(1);
            Alert privilegedPod = latest.values().stream().filter(alert -> alert.rule().id().equals("privileged-pod"))
                    .findFirst().orElseThrow();
            assertThat(privilegedPod.vigil().evidence().auditIds()).containsExactlyInAnyOrder(
                    "a362d22b-db3c-4590-9505-23782f12925f", "0b4e7d3a-1c2f-4e5a-9b8c-7d6e5f4a3b2c");
            assertThat(privilegedPod.orchestrator().cluster().name()).isEqualTo("it-cluster");
            assertThat(alerts.poll()).filteredOn(record -> record.key().equals(privilegedPod.id())).hasSize(2);
            assertThat(deadLetters.poll()).as("dead-lettered by the evidence application only").hasSize(1);
        }
    }

    private static Map<String, Alert> latest(List<ConsumerRecord<String, Alert>> records) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }
}
