package dev.vigil.streams.posture;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertStatus;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.KafkaStreamsLifecycle;
import dev.vigil.streams.StreamsConfigFactory;
import dev.vigil.streams.StreamsProperties;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.kafka.WatchIntake;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.KafkaTestClients;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.vigil.streams.posture.PostureEvents.namespace;
import static dev.vigil.streams.posture.PostureEvents.node;
import static dev.vigil.streams.posture.PostureEvents.pod;
import static dev.vigil.streams.posture.PostureEvents.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Posture findings on the real broker with exactly-once processing, from watch records as the watcher writes them
 * (keyed {@code <cluster>/<kind>/<namespace>/<name>}, spread over the watch topic's partitions): a namespace without
 * default-deny and a workload on a control-plane node open, and resolve under the same ids when a policy is added
 * and the pod deleted — also after a restart with the state directory wiped (restored from the changelogs), without
 * opening anything twice.
 */
@WithEmbeddedKafka
class PostureLifecycleIT {

    private static final Topics TOPICS = new Topics("it-posture.audit", "it-posture.watch", "it-posture.alerts",
            "it-posture.evidence", "it-posture.dlq");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private final Instant longAgo = Instant.now().minus(Duration.ofHours(2));

    private KafkaStreamsLifecycle start(EmbeddedKafka kafka) {
        StreamsBuilder builder = new StreamsBuilder();
        StreamsTopics topics = StreamsTopics.of(TOPICS);
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        PostureTopology.posture(WatchIntake.decoded(builder, topics), topics.alerts(), Duration.ofMillis(200), engine,
                new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1)));
        StreamsProperties properties = StreamsProperties.bind(Map.of(
                "vigil.streams.application-id", "it-posture",
                "vigil.streams.state-dir", stateDir.toString()));
        KafkaStreamsLifecycle lifecycle = new KafkaStreamsLifecycle(builder.build(),
                StreamsConfigFactory.config(KafkaClientSettings.of(kafka.bootstrapServers()), TOPICS, properties),
                TIMEOUT, Duration.ofSeconds(30), null);
        lifecycle.start();
        assertThat(lifecycle.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return lifecycle;
    }

    private static Map.Entry<String, byte[]> record(ObjectNode watchRecord) {
        return Map.entry(PostureEvents.key(watchRecord),
                VigilJson.write(watchRecord).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findingsOpenAndResolveUnderTheirIdsAcrossARestartFromTheChangelog(EmbeddedKafka kafka) throws IOException {
        kafka.createTopics(Map.of(TOPICS.watch(), 3, TOPICS.alerts(), 1, TOPICS.dlq(), 1));
        String bootstrap = kafka.bootstrapServers();
        try (KafkaTestClients.Reader<Alert> alerts = new KafkaTestClients.Reader<>(bootstrap, TOPICS.alerts(), Alert.class)) {
            KafkaStreamsLifecycle first = start(kafka);
            KafkaTestClients.produce(bootstrap, TOPICS.watch(), null, List.of(
                    record(namespace("it", "ADDED", "shop", longAgo)),
                    record(policy("it", "ADDED", "shop", "web", Map.of("app", "web"), "Ingress")),
                    record(node("it", "ADDED", "cp-1", true)),
                    record(pod("it", "ADDED", "shop", "web-1", Map.of("app", "web"), "cp-1", longAgo))));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts.values())
                    .extracting(alert -> alert.rule().id() + " " + alert.vigil().status().word())
                    .containsExactlyInAnyOrder("namespace-without-default-deny open",
                            "workload-on-control-plane-node open"));
            Alert namespaceOpen = only(alerts.values(), "namespace-without-default-deny");
            Alert placementOpen = only(alerts.values(), "workload-on-control-plane-node");
            first.stop();

            wipe(stateDir);
            KafkaStreamsLifecycle second = start(kafka);
            KafkaTestClients.produce(bootstrap, TOPICS.watch(), null, List.of(
                    record(policy("it", "ADDED", "shop", "default-deny", Map.of(), "Ingress")),
                    record(pod("it", "DELETED", "shop", "web-1", Map.of("app", "web"), "cp-1", longAgo))));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alerts.values()).hasSize(4));
            second.stop();

            List<Alert> resolved = alerts.values().subList(2, 4);
            assertThat(resolved).allSatisfy(alert -> {
                assertThat(alert.vigil().status()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(alert.vigil().resolvedAt()).isNotNull();
            });
            assertThat(resolved).extracting(Alert::id)
                    .containsExactlyInAnyOrder(namespaceOpen.id(), placementOpen.id());
            assertThat(alerts.values()).as("nothing opened again after the restore").hasSize(4);
        }
    }

    private static Alert only(List<Alert> alerts, String rule) {
        return alerts.stream().filter(alert -> alert.rule().id().equals(rule)).findFirst().orElseThrow();
    }

    private static void wipe(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(path -> !path.equals(directory)).sorted(Comparator.reverseOrder()).forEach(files::add);
        }
        for (Path file : files) {
            Files.delete(file);
        }
        assertThat(directory).isEmptyDirectory();
    }
}
