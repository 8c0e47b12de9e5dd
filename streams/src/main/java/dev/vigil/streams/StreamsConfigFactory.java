package dev.vigil.streams;

import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import dev.vigil.streams.kafka.DeadLetterHandler;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.Properties;

/** The Kafka Streams configuration of the {@code streams} role: shared client settings plus Vigil's fixed choices. */
public final class StreamsConfigFactory {

    /**
     * Batch size of the output producers. Evidence documents average 1.5 KB: with the client's 16 KB default a
     * commit interval's output went out in hundreds of small produce requests, and the stream thread spent its time
     * waiting for them; 256 KB batches doubled the topology's throughput in {@code bench/run}.
     */
    static final int PRODUCER_BATCH_BYTES = 256 * 1024;
    /** JSON compresses well and lz4 costs least CPU on both ends (measured against zstd: same throughput). */
    static final String PRODUCER_COMPRESSION = "lz4";

    private StreamsConfigFactory() {
    }

    /** The configuration of the detection application. */
    public static Properties config(KafkaClientSettings kafka, Topics topics, StreamsProperties properties) {
        return config(kafka, topics, properties, properties.applicationId(), properties.commitInterval());
    }

    /** The configuration of the evidence application. */
    public static Properties evidenceConfig(KafkaClientSettings kafka, Topics topics, StreamsProperties properties) {
        return config(kafka, topics, properties, properties.evidenceApplicationId(),
                properties.evidenceCommitInterval());
    }

    private static Properties config(KafkaClientSettings kafka, Topics topics, StreamsProperties properties,
                                     String applicationId, Duration commitInterval) {
        Properties config = new Properties();
        config.putAll(kafka.clientConfig());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.numThreads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        config.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, topics.dlq());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), PRODUCER_COMPRESSION);
        config.putAll(properties.properties());
        return config;
    }
}
