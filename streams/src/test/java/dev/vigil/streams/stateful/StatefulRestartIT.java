package dev.vigil.streams.stateful;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.KafkaSettings;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.KafkaStreamsLifecycle;
import dev.vigil.streams.StreamsConfigFactory;
import dev.vigil.streams.StreamsProperties;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.kafka.AuditIntake;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.testing.KafkaTestClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
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
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static dev.vigil.streams.stateful.StatefulEvents.grant;
import static dev.vigil.streams.stateful.StatefulEvents.refused;
import static dev.vigil.streams.stateful.StatefulEvents.request;
import static dev.vigil.streams.stateful.StatefulEvents.secretRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stateful rules across restarts on the real broker with exactly-once processing: a threshold and a sequence
 * half-finished before a stop are finished after it, with the state directory kept and with it wiped (restored from
 * the changelogs), and nothing already emitted is emitted again. The events are months old (a replay), and the
 * broker of this test looks for data past its retention every half second, so a restore also proves the changelogs
 * and the alerts outlive their event time: both are stamped when written, not with the event time.
 */
class StatefulRestartIT {

    private static final Topics TOPICS = new Topics("it-stateful.audit", "it-stateful.watch", "it-stateful.alerts",
            "it-stateful.evidence", "it-stateful.dlq");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:10Z");

    private static EmbeddedKafka kafka;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        // the default check runs every 5 minutes, which a test crosses only sometimes
        kafka = new EmbeddedKafka(KafkaSettings.builder()
                .brokerProperty("log.retention.check.interval.ms", "500").build()).start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private final RuleEngine engine = RuleEngine.load(new RulesProperties(null, null, null, null, null,
            Map.of("forbidden-burst", Map.of("threshold", "5"))));

    private KafkaStreamsLifecycle start() {
        StreamsBuilder builder = new StreamsBuilder();
        StreamsTopics topics = StreamsTopics.of(TOPICS);
        StatefulTopology.rules(AuditIntake.decoded(builder, topics), topics.alerts(), engine,
                new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1)),
                StatefulSettings.defaults());
        StreamsProperties properties = StreamsProperties.bind(Map.of(
                "vigil.streams.application-id", "it-stateful",
                "vigil.streams.state-dir", stateDir.toString()));
        KafkaStreamsLifecycle lifecycle = new KafkaStreamsLifecycle(builder.build(),
                StreamsConfigFactory.config(KafkaClientSettings.of(kafka.bootstrapServers()), TOPICS, properties),
                TIMEOUT, Duration.ofSeconds(30), null);
        lifecycle.start();
        assertThat(lifecycle.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return lifecycle;
    }

    private static void send(String bootstrap, ObjectNode... events) {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (ObjectNode event : events) {
            records.add(Map.entry(event.get("auditID").asString(),
                    StatefulEvents.encode(event, "it")));
        }
        KafkaTestClients.produce(bootstrap, TOPICS.audit(), null, records);
    }

    /** Emissions per rule and principal ({@code vigil.count} of each emission in order). */
    private static Map<String, List<Long>> emissions(KafkaTestClients.Reader<Alert> alerts) {
        Map<String, List<Long>> seen = new HashMap<>();
        alerts.values().forEach(alert -> seen.computeIfAbsent(alert.rule().id() + " " + alert.user().name(),
                k -> new ArrayList<>()).add(alert.vigil().count()));
        return seen;
    }

    /** The count of a principal's forbidden-burst window in the running instance's store (0: none). */
    private static long counted(KafkaStreamsLifecycle lifecycle, String user) {
        ReadOnlyWindowStore<String, ThresholdWindow> store = lifecycle.streams().store(StoreQueryParameters
                .fromNameAndType(StatefulProcessor.THRESHOLD_STORE, QueryableStoreTypes.windowStore()));
        ThresholdWindow window = store.fetch("forbidden-burst|it|" + user,
                T0.toEpochMilli() - T0.toEpochMilli() % Duration.ofMinutes(5).toMillis());
        return window == null ? 0 : window.count();
    }

    /**
     * Waits for the emissions; on a timeout the failure names where the instance stood (its state, its tasks and what
     * its store counted), since a stall after a restart and a lost count look alike from the alerts topic alone.
     */
    private static void awaitEmissions(KafkaStreamsLifecycle lifecycle, ThrowingRunnable assertion) {
        try {
            await().atMost(TIMEOUT).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            String counts = "";
            try {
                counts = "; counted for mallory " + counted(lifecycle, "mallory@example.com")
                        + ", carol " + counted(lifecycle, "carol@example.com");
            } catch (RuntimeException notQueryable) {
                counts = "; store not queryable: " + notQueryable;
            }
            throw new AssertionError("no emission; Kafka Streams " + lifecycle.state() + ", threads "
                    + lifecycle.streams().metadataForLocalThreads() + counts, e);
        }
    }

    private static ObjectNode[] refusals(String user, int from, int to) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            events.add(refused(user + "-" + i, user, "s" + i, T0.plusSeconds(i)));
        }
        return events.toArray(ObjectNode[]::new);
    }

    /**
     * Returns once the broker has deleted a record stamped {@code T0} from a topic that keeps a day, i.e. once a
     * retention check ran after everything written before this call: data stamped with the events' times would be
     * gone from the changelogs and the alerts topic by then.
     */
    private static void awaitRetentionCheck(String bootstrap) throws ExecutionException, InterruptedException {
        String canary = "it-stateful.canary-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()))))).all().get();
            producer.send(new ProducerRecord<>(canary, 0, T0.toEpochMilli(), null, new byte[1])).get();
            TopicPartition partition = new TopicPartition(canary, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listOffsets(Map.of(partition,
                    OffsetSpec.earliest())).partitionResult(partition).get().offset() >= 1);
        }
    }

    @Test
    void aHalfFinishedThresholdOrSequenceSurvivesARestartAndNothingFiresTwice() throws Exception {
        kafka.createTopics(Map.of(TOPICS.audit(), 2, TOPICS.alerts(), 1, TOPICS.dlq(), 1));
        String bootstrap = kafka.bootstrapServers();
        long testStart = System.currentTimeMillis();
        try (KafkaTestClients.Reader<Alert> alerts = new KafkaTestClients.Reader<>(bootstrap, TOPICS.alerts(),
                Alert.class)) {
            KafkaStreamsLifecycle first = start();
            send(bootstrap, refusals("mallory@example.com", 1, 3));
            send(bootstrap, grant("g-bob", "bob@example.com", "view", T0));
            send(bootstrap, refusals("sentinel@example.com", 1, 5));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(emissions(alerts))
                    .containsKey("forbidden-burst sentinel@example.com"));
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> counted(first, "mallory@example.com") == 3);
            first.stop();
            awaitRetentionCheck(bootstrap);

            // same state directory: the threshold and the sequence continue from the local state
            KafkaStreamsLifecycle second = start();
            assertThat(second.restoredRecords()).as("records restored from the changelogs with the state kept")
                    .isZero();
            send(bootstrap, refusals("mallory@example.com", 4, 5));
            send(bootstrap, secretRead("u-bob", "bob@example.com", "shop", "db", T0.plusSeconds(60)));
            send(bootstrap, refusals("carol@example.com", 1, 3));
            send(bootstrap, grant("g-dave", "dave@example.com", "view", T0));
            awaitEmissions(second, () -> assertThat(emissions(alerts))
                    .containsEntry("forbidden-burst mallory@example.com", List.of(5L))
                    .containsEntry("rbac-grant-then-use bob@example.com", List.of(1L)));
            second.stop();

            // state directory wiped: restored from the changelogs
            wipe(stateDir);
            KafkaStreamsLifecycle third = start();
            assertThat(third.restoredRecords()).as("records restored from the changelogs after the wipe")
                    .isPositive();
            send(bootstrap, refusals("carol@example.com", 4, 5));
            send(bootstrap, secretRead("u-dave", "dave@example.com", "shop", "db", T0.plusSeconds(90)));
            send(bootstrap, refusals("mallory@example.com", 5, 5)); // a redelivery: counted already
            send(bootstrap, request("tick", "sentinel@example.com", "get", "secrets", "kube-system", "s6", 403,
                    T0.plusSeconds(100)));
            awaitEmissions(third, () -> assertThat(emissions(alerts))
                    .containsEntry("forbidden-burst carol@example.com", List.of(5L))
                    .containsEntry("rbac-grant-then-use dave@example.com", List.of(1L))
                    .containsEntry("forbidden-burst sentinel@example.com", List.of(5L, 6L)));
            third.stop();

            assertThat(emissions(alerts)).isEqualTo(Map.of(
                    "forbidden-burst sentinel@example.com", List.of(5L, 6L),
                    "forbidden-burst mallory@example.com", List.of(5L),
                    "forbidden-burst carol@example.com", List.of(5L),
                    "rbac-grant-then-use bob@example.com", List.of(1L),
                    "rbac-grant-then-use dave@example.com", List.of(1L)));
            assertThat(alerts.poll()).extracting(ConsumerRecord::timestamp)
                    .as("alerts stamped when raised, so that vigil.alerts keeps them its retention from then")
                    .allMatch(timestamp -> timestamp >= testStart);
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
