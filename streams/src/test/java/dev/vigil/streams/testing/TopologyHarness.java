package dev.vigil.streams.testing;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.StreamsConfigFactory;
import dev.vigil.streams.StreamsProperties;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A {@link TopologyTestDriver} over a topology built by the very functions production uses, with the contract topics
 * as typed test topics and the production Streams configuration (exactly-once, dead-letter handlers).
 */
public final class TopologyHarness implements AutoCloseable {

    public static final StreamsTopics TOPICS = StreamsTopics.defaults();

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> audit;
    private final TestInputTopic<String, byte[]> watch;

    private TopologyHarness(TopologyTestDriver driver) {
        this.driver = driver;
        this.audit = driver.createInputTopic(TOPICS.audit().name(), new StringSerializer(), new ByteArraySerializer());
        this.watch = driver.createInputTopic(TOPICS.watch().name(), new StringSerializer(), new ByteArraySerializer());
    }

    /** A driver whose wall clock starts at {@code wallClock}. */
    public static TopologyHarness of(Consumer<StreamsBuilder> topology, Instant wallClock, Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        Properties config = StreamsConfigFactory.config(KafkaClientSettings.of("driver:9092"), Topics.defaults(),
                StreamsProperties.bind(Map.of("vigil.streams.application-id", "vigil-test",
                        "vigil.streams.state-dir", stateDir.toString())));
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return new TopologyHarness(new TopologyTestDriver(builder.build(), config, wallClock));
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public void audit(String key, byte[] value) {
        audit.pipeInput(key, value);
    }

    /** One audit event (JSON text) of cluster {@code cluster}, keyed by nothing in particular. */
    public void auditEvent(String eventJson, String cluster) {
        audit.pipeInput("key", TestAuditEvents.encode(eventJson, cluster));
    }

    public void watch(String key, String value) {
        watch.pipeInput(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public TestInputTopic<String, byte[]> auditTopic() {
        return audit;
    }

    public TestInputTopic<String, byte[]> watchTopic() {
        return watch;
    }

    public TestOutputTopic<String, Alert> alerts() {
        return output(TOPICS.alerts());
    }

    public TestOutputTopic<String, Evidence> evidence() {
        return output(TOPICS.evidence());
    }

    public TestOutputTopic<String, DeadLetter> dlq() {
        return output(TOPICS.dlq());
    }

    /** Raw JSON text of a topic's values, to check what really goes out. */
    public TestOutputTopic<String, byte[]> raw(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <V> TestOutputTopic<String, V> output(TopicSpec<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
