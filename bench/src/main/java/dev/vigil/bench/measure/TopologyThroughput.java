package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.StreamsConfigFactory;
import dev.vigil.streams.StreamsProperties;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.topology.TopologySettings;
import dev.vigil.streams.topology.VigilTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The whole {@code streams} role (its detection and evidence applications: parse, redact, rules, dedup, evidence and
 * alerts, exactly-once) over the loaded audit topic, with the role's own configuration. Throughput is taken from the group's committed offsets between
 * the first commit and the last, so the consumer-group join and transaction set-up are not counted.
 */
public final class TopologyThroughput {

    private static final Logger LOG = LogManager.getLogger(TopologyThroughput.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration SAMPLE = Duration.ofMillis(200);
    /**
     * How often the committed offsets are read while the input is consumed: the rate runs from the first commit
     * seen, and the framework floor lines take only a few 100 ms commit intervals for 50 000 events (read every
     * 200 ms, the first commit seen was often the last).
     */
    private static final Duration COMMIT_SAMPLE = Duration.ofMillis(40);
    /** Consecutive unchanged samples of the output end offsets that count as settled. */
    private static final int SETTLED_SAMPLES = 10;

    private TopologyThroughput() {
    }

    /** Which of the {@code streams} role's two Kafka Streams applications a run starts. */
    public enum Applications {
        /** Rules, stateful rules, dedup, pod lifetimes → alerts. */
        DETECTION,
        /** Redaction and evidence documents (and the dead letters) → evidence. */
        EVIDENCE,
        /** Both, as the role runs them. */
        BOTH,
        /** Not Vigil: the framework floor, a filter that drops every record ({@link FrameworkFloor}). */
        FLOOR,
        /** Not Vigil: the framework floor plus the lazy decode of every value ({@link FrameworkFloor}). */
        FLOOR_DECODE;

        boolean detection() {
            return this == DETECTION || this == BOTH;
        }

        boolean evidence() {
            return this == EVIDENCE || this == BOTH;
        }

        boolean floor() {
            return this == FLOOR || this == FLOOR_DECODE;
        }
    }

    /**
     * Runs the given applications under a fresh application id over {@code topics.audit()}, writing to the (fresh)
     * output topics of {@code topics}, until they have committed every input record.
     */
    public static Figure measure(String name, KafkaClientSettings kafka, Topics topics, DetectionEngine engine,
                                 Applications which, String applicationId, Path stateDir) throws Exception {
        Run run = runToEnd(kafka, topics, engine, applicationId, stateDir, TIMEOUT, topics.audit(), which, () -> { });
        double rate = run.records() / Math.max(run.seconds(), 1e-3);
        LOG.info("{}: {} records in {} s after the first commit, {} µs CPU per event in its threads", name,
                run.records(), String.format("%.1f", run.seconds()), String.format("%.1f", run.cpuMicrosPerEvent()));
        return Figure.rate(name, rate, run.cpuMicrosPerEvent(), "");
    }

    /**
     * What one run did: records committed after the first commit, the seconds that took, and the CPU its threads
     * used per input record.
     */
    public record Run(long records, double seconds, double cpuMicrosPerEvent) {
    }

    /**
     * Runs Vigil's topology, configured as the {@code streams} role configures it, until its group has committed
     * every record of {@code topics.audit()} that exists when it starts. Also used by the fault tests for their
     * undisturbed reference run.
     */
    public static Run runToEnd(KafkaClientSettings kafka, Topics topics, DetectionEngine engine, String applicationId,
                               Path stateDir, Duration timeout) throws Exception {
        return runToEnd(kafka, topics, engine, applicationId, stateDir, timeout, topics.audit());
    }

    /**
     * {@link #runToEnd(KafkaClientSettings, Topics, DetectionEngine, String, Path, Duration)} awaiting
     * {@code inputTopic}: both applications for the audit topic, the detection application alone for the watch topic
     * (the evidence application does not read it).
     */
    public static Run runToEnd(KafkaClientSettings kafka, Topics topics, DetectionEngine engine, String applicationId,
                               Path stateDir, Duration timeout, String inputTopic) throws Exception {
        return runToEnd(kafka, topics, engine, applicationId, stateDir, timeout, inputTopic,
                inputTopic.equals(topics.audit()) ? Applications.BOTH : Applications.DETECTION, () -> { });
    }

    /**
     * The run itself: starts {@code which} applications, waits until every one has committed all of
     * {@code inputTopic} and the outputs have settled, calls {@code beforeClose} (the applications and their stores
     * still open, e.g. to measure the heap they hold) and closes them.
     */
    public static Run runToEnd(KafkaClientSettings kafka, Topics topics, DetectionEngine engine, String applicationId,
                               Path stateDir, Duration timeout, String inputTopic, Applications which,
                               ThrowingRunnable beforeClose) throws Exception {
        Map<String, String> values = new java.util.HashMap<>(overrides());
        values.put("vigil.streams.application-id", applicationId);
        values.put("vigil.streams.state-dir", stateDir.toString());
        StreamsProperties properties = StreamsProperties.bind(values);
        TopologySettings settings = properties.topologySettings(engine,
                new Redactor(properties.redaction().envNameMarkers()));
        StreamsTopics streamsTopics = StreamsTopics.of(topics);
        Map<String, KafkaStreams> applications = new LinkedHashMap<>();
        if (which.detection()) {
            StreamsBuilder detection = new StreamsBuilder();
            VigilTopology.detection(detection, streamsTopics, engine, settings);
            applications.put(applicationId, new KafkaStreams(detection.build(),
                    StreamsConfigFactory.config(kafka, topics, properties)));
        }
        if (which.floor()) {
            // the detection application's configuration (exactly-once, threads, commit interval, serdes, handlers)
            applications.put(applicationId, new KafkaStreams(
                    FrameworkFloor.topology(streamsTopics.audit(), which == Applications.FLOOR_DECODE),
                    StreamsConfigFactory.config(kafka, topics, properties)));
        }
        if (which.evidence() && inputTopic.equals(topics.audit())) {
            StreamsBuilder evidence = new StreamsBuilder();
            VigilTopology.evidence(evidence, streamsTopics, settings);
            applications.put(properties.evidenceApplicationId(), new KafkaStreams(evidence.build(),
                    StreamsConfigFactory.evidenceConfig(kafka, topics, properties)));
        }
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, Long> ends = endOffsets(admin, inputTopic);
            long expected = ends.values().stream().mapToLong(Long::longValue).sum();
            applications.values().forEach(KafkaStreams::start);
            long deadline = System.nanoTime() + timeout.toNanos();
            long firstNanos = 0;
            long firstCommitted = 0;
            long committed = 0;
            while (committed < expected) {
                for (Map.Entry<String, KafkaStreams> application : applications.entrySet()) {
                    KafkaStreams.State state = application.getValue().state();
                    if (System.nanoTime() > deadline || state == KafkaStreams.State.ERROR
                            || state == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException(application.getKey() + ": " + committed + " of " + expected
                                + " records committed by every application, streams " + state);
                    }
                }
                Thread.sleep(COMMIT_SAMPLE.toMillis());
                committed = Long.MAX_VALUE;
                for (String group : applications.keySet()) {
                    committed = Math.min(committed, committed(admin, group, ends));
                }
                if (firstNanos == 0 && committed > 0) {
                    firstNanos = System.nanoTime();
                    firstCommitted = committed;
                }
            }
            awaitRepartitionsDrained(admin, applications, deadline);
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            // thread names start with the application id: "<id>-<uuid>-StreamThread-1", "<id>-evidence-<uuid>-..."
            String threads = (which.detection() || which.floor() ? applicationId : properties.evidenceApplicationId()) + "-";
            double cpuMicros = ThreadCpu.nanos(threads) / 1e3 / Math.max(expected, 1);
            long perEvent = Math.max(expected, 1);
            LOG.info("CPU per event by thread of {}*: {}", threads, ThreadCpu.byThread(threads).entrySet().stream()
                    .filter(thread -> thread.getValue() / 1e3 / perEvent >= 0.05)
                    .map(thread -> thread.getKey() + " " + String.format("%.2f µs", thread.getValue() / 1e3 / perEvent))
                    .collect(java.util.stream.Collectors.joining(", ")));
            awaitOutputSettled(admin, topics, deadline);
            beforeClose.run();
            return new Run(committed - firstCommitted, seconds, cpuMicros);
        } finally {
            applications.values().forEach(streams -> streams.close(Duration.ofSeconds(30)));
        }
    }

    /** A step that may throw, run while the applications are still open. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The settings the measured topology runs with, for the table: the defaults and any override. */
    public static String settingsNote() {
        StreamsProperties properties = StreamsProperties.bind(overrides());
        return "exactly_once_v2, detection and evidence applications with " + properties.numThreads()
                + " stream thread" + (properties.numThreads() == 1 ? "" : "s") + " each, commit "
                + properties.commitInterval().toMillis() + " / " + properties.evidenceCommitInterval().toMillis() + " ms";
    }

    /**
     * {@code vigil.streams.*} system properties (e.g. {@code BENCH_JAVA_OPTS=-Dvigil.streams.num-threads=2}), so that
     * a setting can be judged by the same measurement; the roles of the latency run read them through Spring.
     */
    private static Map<String, String> overrides() {
        return System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(StreamsProperties.PREFIX + "."))
                .collect(Collectors.toMap(Function.identity(), System::getProperty));
    }

    /**
     * The input being committed does not mean the output is complete: alert candidates take a second hop through
     * a repartition topic. Waits (outside the measured time) until the alerts and evidence topics stop growing.
     */
    private static void awaitOutputSettled(Admin admin, Topics topics, long deadline) throws Exception {
        Map<TopicPartition, Long> previous = Map.of();
        int unchanged = 0;
        while (unchanged < SETTLED_SAMPLES && System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE.toMillis());
            Map<TopicPartition, Long> now = new java.util.HashMap<>(endOffsets(admin, topics.alerts()));
            now.putAll(endOffsets(admin, topics.evidence()));
            unchanged = now.equals(previous) ? unchanged + 1 : 0;
            previous = now;
        }
    }

    /**
     * The input committed does not mean the application is done: the stateful rules' hits and the alert candidates
     * take a second hop through repartition topics. Waits, inside the measured time, until every application has
     * committed its repartition topics to their end (with exactly-once the last offset of a partition is a
     * transaction marker, so "to the end" is within one offset of it).
     */
    private static void awaitRepartitionsDrained(Admin admin, Map<String, KafkaStreams> applications, long deadline)
            throws Exception {
        for (String group : applications.keySet()) {
            List<String> repartitions = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(group + "-") && topic.endsWith("-repartition"))
                    .filter(topic -> !topic.startsWith(group + "-evidence-") || group.endsWith("-evidence"))
                    .toList();
            for (String topic : repartitions) {
                while (true) {
                    Map<TopicPartition, Long> ends = endOffsets(admin, topic);
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    boolean drained = ends.entrySet().stream().allMatch(end -> {
                        OffsetAndMetadata offset = offsets.get(end.getKey());
                        return (offset == null ? 0 : offset.offset()) >= end.getValue() - 1;
                    });
                    if (drained) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(group + " did not drain " + topic);
                    }
                    Thread.sleep(SAMPLE.toMillis() / 4);
                }
            }
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get();
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long committed(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (TopicPartition partition : ends.keySet()) {
            OffsetAndMetadata offset = offsets.get(partition);
            sum += offset == null ? 0 : offset.offset();
        }
        return sum;
    }
}
