package dev.vigil.ingest;

import dev.vigil.embedded.TopicReader;
import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole topic from the beginning ({@link TopicReader}), parsed for assertions on what ingest wrote. Tests share the
 * broker and the topics, so they tell their records apart by the {@code vigil.cluster} header: each test posts as
 * its own cluster.
 */
public final class TopicRecords {

    /** One record: key, parsed value, cluster header. */
    public record Entry(String key, JsonNode value, String cluster, String text) {
    }

    private TopicRecords() {
    }

    public static List<Entry> read(String bootstrapServers, String topic) {
        List<Entry> entries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(bootstrapServers, topic)) {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            Header cluster = record.headers().lastHeader(IngestProducer.CLUSTER_HEADER);
            entries.add(new Entry(record.key(), VigilJson.tolerantMapper().readTree(text),
                    cluster == null ? null : new String(cluster.value(), StandardCharsets.UTF_8), text));
        }
        return entries;
    }

    /** The records of one cluster (by header). */
    public static List<Entry> read(String bootstrapServers, String topic, String cluster) {
        return read(bootstrapServers, topic).stream().filter(e -> cluster.equals(e.cluster())).toList();
    }
}
