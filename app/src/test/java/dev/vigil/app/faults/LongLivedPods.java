package dev.vigil.app.faults;

import dev.vigil.bench.workload.PodWatchEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods for the {@code long-lived-pod} state check: "old" pods are past the limit when they are added and alert
 * at once; "young" pods are added just before the fault and cross the limit while it lasts, so their alert can
 * only come from state that survived it (nothing about them is sent again afterwards). Each group has a pod on every
 * partition of the watch topic (keyed as a watcher keys them), so that every instance that owns pod state owns some.
 */
final class LongLivedPods {

    /** The limit the child Vigil runs with ({@code vigil.rules.long-lived-pod.limit}). */
    static final Duration LIMIT = Duration.ofHours(1);
    static final int OLD = 4;
    static final int YOUNG = 4;

    private final PodWatchEvents pods = new PodWatchEvents(SteadyReplay.CLUSTER, 21);
    private final Map<String, Object> kafka;
    private final String topic;
    private final int partitions;
    private final List<String> names = new ArrayList<>();
    private final Set<Integer> used = new HashSet<>();

    LongLivedPods(Map<String, Object> kafka, String topic, int partitions) {
        this.kafka = kafka;
        this.topic = topic;
        this.partitions = partitions;
    }

    void addOld() {
        Instant now = Instant.now();
        send(OLD, now.minus(LIMIT).minus(Duration.ofHours(1)), now);
    }

    /** Young pods that cross the limit {@code crossingIn} from now. */
    void addYoung(Duration crossingIn) {
        Instant now = Instant.now();
        send(YOUNG, now.minus(LIMIT).plus(crossingIn), now);
    }

    /** Names of every pod added so far. */
    List<String> names() {
        return List.copyOf(names);
    }

    /** At least {@code count} pods, and one more per partition until every partition has one. */
    private void send(int count, Instant startedAt, Instant observedAt) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int n = 0; n < Math.max(count, partitions); n++) {
                PodWatchEvents.WatchRecord record = podOnPartition(n % partitions, startedAt, observedAt);
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
                names.add(record.podName());
            }
            producer.flush();
        }
    }

    /** The first unused pod whose key the default partitioner (murmur2 of the key) puts on {@code partition}. */
    private PodWatchEvents.WatchRecord podOnPartition(int partition, Instant startedAt, Instant observedAt) {
        for (int i = 0; ; i++) {
            PodWatchEvents.WatchRecord record = pods.added(i, startedAt, observedAt);
            if (!used.contains(i)
                    && Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                used.add(i);
                return record;
            }
        }
    }
}
