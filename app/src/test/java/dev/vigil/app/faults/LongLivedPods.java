package dev.vigil.app.faults;

import dev.vigil.bench.workload.PodWatchEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods for the {@code long-lived-pod} state check: "old" pods are past the limit when they are added and alert
 * at once; "young" pods are added just before the fault and cross the limit while it lasts, so their alert can
 * only come from state that survived it (nothing about them is sent again afterwards).
 */
final class LongLivedPods {

    /** The limit the child Vigil runs with ({@code vigil.rules.long-lived-pod.limit}). */
    static final Duration LIMIT = Duration.ofHours(1);
    static final int OLD = 4;
    static final int YOUNG = 4;

    private final PodWatchEvents pods = new PodWatchEvents(SteadyReplay.CLUSTER, 21);
    private final Map<String, Object> kafka;
    private final String topic;
    private final List<String> names = new ArrayList<>();

    LongLivedPods(Map<String, Object> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    void addOld() {
        Instant now = Instant.now();
        send(0, OLD, now.minus(LIMIT).minus(Duration.ofHours(1)), now);
    }

    /** Young pods that cross the limit {@code crossingIn} from now. */
    void addYoung(Duration crossingIn) {
        Instant now = Instant.now();
        send(OLD, OLD + YOUNG, now.minus(LIMIT).plus(crossingIn), now);
    }

    /** Names of every pod added so far. */
    List<String> names() {
        return List.copyOf(names);
    }

    private void send(int from, int to, Instant startedAt, Instant observedAt) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                PodWatchEvents.WatchRecord record = pods.added(i, startedAt, observedAt);
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
                names.add(record.podName());
            }
            producer.flush();
        }
    }
}
