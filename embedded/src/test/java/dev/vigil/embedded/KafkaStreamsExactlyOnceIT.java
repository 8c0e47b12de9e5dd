package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithEmbeddedKafka
class KafkaStreamsExactlyOnceIT {

    private static final String INPUT = "it.streams.verbs";
    private static final String UPPER = "it.streams.verbs-upper";
    private static final String COUNTS = "it.streams.verb-counts";
    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "delete");
    private static final int RECORDS = 500;

    @TempDir
    Path stateDir;

    static void verbTopology(StreamsBuilder builder) {
        KStream<String, String> verbs = builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())
                .withName("verbs"));
        verbs.mapValues(verb -> verb.toUpperCase(Locale.ROOT), Named.as("upper-case"))
                .to(UPPER, Produced.with(Serdes.String(), Serdes.String()).withName("verbs-upper"));
        verbs.groupBy((auditId, verb) -> verb, Grouped.with("by-verb", Serdes.String(), Serdes.String()))
                .count(Named.as("count-verbs"), Materialized.as("verb-counts"))
                .toStream(Named.as("verb-count-changes"))
                .to(COUNTS, Produced.with(Serdes.String(), Serdes.Long()).withName("verb-counts"));
    }

    @Test
    void countsEveryRecordExactlyOnce(EmbeddedKafka kafka) {
        kafka.createTopics(Map.of(INPUT, 2, UPPER, 2, COUNTS, 2));
        StreamsBuilder builder = new StreamsBuilder();
        verbTopology(builder);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(kafka))) {
            streams.start();
            await().atMost(KafkaRecords.TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            KafkaRecords.produce(kafka.bootstrapServers(), INPUT, RECORDS,
                    i -> "audit-" + i, i -> VERBS.get(i % VERBS.size()));

            List<ConsumerRecord<String, String>> upper = KafkaRecords.consume(kafka.bootstrapServers(), UPPER, RECORDS);
            assertThat(upper).hasSize(RECORDS);
            assertThat(upper).extracting(ConsumerRecord::value).containsOnly("GET", "LIST", "WATCH", "CREATE", "DELETE");

            Map<String, Long> expected = VERBS.stream().collect(Collectors.toMap(Function.identity(),
                    verb -> (long) RECORDS / VERBS.size()));
            List<ConsumerRecord<String, Long>> changes = KafkaRecords.consumeUntil(kafka.bootstrapServers(), COUNTS,
                    new LongDeserializer(), records -> latest(records).equals(expected));
            assertThat(latest(changes)).isEqualTo(expected);
        }
    }

    private static Map<String, Long> latest(List<ConsumerRecord<String, Long>> changes) {
        return changes.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (older, newer) -> newer));
    }

    private Properties streamsConfig(EmbeddedKafka kafka) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-verb-counts");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return config;
    }
}
