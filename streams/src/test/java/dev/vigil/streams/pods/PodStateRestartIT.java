package dev.vigil.streams.pods;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.KafkaStreamsLifecycle;
import dev.vigil.streams.StreamsConfigFactory;
import dev.vigil.streams.StreamsProperties;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.LongLivedPodPolicy;
import dev.vigil.streams.testing.KafkaTestClients;
import dev.vigil.streams.testing.TestDetectionEngine;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.kafka.WatchIntake;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod lifetime store across restarts of the application on the real broker, with exactly-once processing:
 * restarted with its state directory, and with the directory wiped (restored from the changelog), it neither
 * forgets a pod nor alerts a pod twice for one crossing.
 */
@WithEmbeddedKafka
class PodStateRestartIT {

    private static final Topics TOPICS = new Topics("it-pods.audit", "it-pods.watch", "it-pods.alerts",
            "it-pods.evidence", "it-pods.dlq");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final PodSettings SETTINGS = new PodSettings(
            new LongLivedPodPolicy(Duration.ofHours(1), Set.of("kube-system"), Map.of()), Duration.ofMillis(200));

    @TempDir
    Path stateDir;

    private final DetectionEngine engine = TestDetectionEngine.create().metaOnly(PodTopologyTest.LONG_LIVED);
    private final Instant now = Instant.now();

    private KafkaStreamsLifecycle start(EmbeddedKafka kafka) {
        StreamsBuilder builder = new StreamsBuilder();
        StreamsTopics topics = StreamsTopics.of(TOPICS);
        PodTopology.longLivedPods(WatchIntake.decoded(builder, topics), topics.alerts(), SETTINGS, engine,
                new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1)));
        StreamsProperties properties = StreamsProperties.bind(Map.of(
                "vigil.streams.application-id", "it-pods",
                "vigil.streams.state-dir", stateDir.toString()));
        KafkaStreamsLifecycle lifecycle = new KafkaStreamsLifecycle(builder.build(),
                StreamsConfigFactory.config(KafkaClientSettings.of(kafka.bootstrapServers()), TOPICS, properties),
                TIMEOUT, Duration.ofSeconds(30), null);
        lifecycle.start();
        assertThat(lifecycle.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return lifecycle;
    }

    private Map.Entry<String, byte[]> pod(String namespace, String name, Duration age) {
        ObjectNode record = VigilJson.mapper().createObjectNode();
        record.put("cluster", "it").put("type", "ADDED").put("observedAt", now.toString());
        ObjectNode pod = record.putObject("object").put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", name).put("namespace", namespace).put("uid", "uid-" + name)
                .put("creationTimestamp", now.minus(age).toString());
        pod.putObject("status").put("phase", "Running").put("startTime", now.minus(age).toString());
        return Map.entry("it/Pod/" + namespace + "/" + name, VigilJson.write(record).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Integer> alertsPerPod(KafkaTestClients.Reader<Alert> alerts) {
        Map<String, Integer> perPod = new HashMap<>();
        alerts.values().forEach(alert -> perPod.merge(alert.orchestrator().resource().name(), 1, Integer::sum));
        return perPod;
    }

    /** The pods in the running instance's store, with the limit each was alerted for. */
    private static Map<String, Duration> storedPods(KafkaStreamsLifecycle lifecycle) {
        Map<String, Duration> pods = new HashMap<>();
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
            ReadOnlyKeyValueStore<String, PodState> store = lifecycle.streams().store(
                    StoreQueryParameters.fromNameAndType(PodLifetimeTracker.STORE, QueryableStoreTypes.keyValueStore()));
            pods.clear();
            try (KeyValueIterator<String, PodState> all = store.all()) {
                all.forEachRemaining(pod -> pods.put(pod.value.name(),
                        pod.value.alertedLimit() == null ? Duration.ZERO : pod.value.alertedLimit()));
            }
            return true;
        });
        return pods;
    }

    @Test
    void aRestartNeitherForgetsPodsNorAlertsThemAgain(EmbeddedKafka kafka) throws IOException {
        kafka.createTopics(Map.of(TOPICS.watch(), 2, TOPICS.alerts(), 1, TOPICS.dlq(), 1));
        String bootstrap = kafka.bootstrapServers();
        try (KafkaTestClients.Reader<Alert> alerts = new KafkaTestClients.Reader<>(bootstrap, TOPICS.alerts(), Alert.class)) {
            KafkaStreamsLifecycle first = start(kafka);
            KafkaTestClients.produce(bootstrap, TOPICS.watch(), null, List.of(pod("shop", "old", Duration.ofHours(2)),
                    pod("shop", "young", Duration.ofMinutes(10)), pod("kube-system", "exempt", Duration.ofDays(3))));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertsPerPod(alerts)).isEqualTo(Map.of("old", 1)));
            first.stop();

            // Same state directory. The sentinel's alert proves punctuations ran over every stored pod.
            KafkaStreamsLifecycle second = start(kafka);
            KafkaTestClients.produce(bootstrap, TOPICS.watch(), null, List.of(pod("shop", "sentinel-1", Duration.ofHours(5))));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertsPerPod(alerts)).containsKey("sentinel-1"));
            assertThat(storedPods(second)).containsOnlyKeys("old", "young", "exempt", "sentinel-1")
                    .containsEntry("old", Duration.ofHours(1)).containsEntry("young", Duration.ZERO);
            second.stop();

            wipe(stateDir);
            KafkaStreamsLifecycle third = start(kafka);
            KafkaTestClients.produce(bootstrap, TOPICS.watch(), null, List.of(pod("shop", "sentinel-2", Duration.ofHours(6))));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(alertsPerPod(alerts)).containsKey("sentinel-2"));
            assertThat(storedPods(third)).as("restored from the changelog")
                    .containsOnlyKeys("old", "young", "exempt", "sentinel-1", "sentinel-2")
                    .containsEntry("sentinel-1", Duration.ofHours(1));
            third.stop();

            assertThat(alertsPerPod(alerts)).isEqualTo(Map.of("old", 1, "sentinel-1", 1, "sentinel-2", 1));
        }
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
