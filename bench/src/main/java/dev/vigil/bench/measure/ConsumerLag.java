package dev.vigil.bench.measure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far each active consumer group (Kafka Streams application, indexers) is behind the end of the topics it reads:
 * which stage of the pipeline a latency comes from.
 */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;
    private final Map<String, Long> maxLag = new TreeMap<>();

    ConsumerLag(Map<String, Object> kafka) {
        this.admin = Admin.create(kafka);
    }

    /** Records behind, per group and topic ({@code group→topic}); also remembers the largest seen. */
    synchronized Map<String, Long> sample() {
        Map<String, Long> lags = new TreeMap<>();
        try {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                if (group.groupState().orElse(GroupState.UNKNOWN) == GroupState.EMPTY) {
                    continue; // a group of an earlier part of the run, no longer consuming
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> request = committed.keySet().stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(request).all().get();
                committed.forEach((partition, offset) -> {
                    if (offset != null && ends.containsKey(partition)) {
                        lags.merge(group.groupId() + "→" + partition.topic(),
                                Math.max(0, ends.get(partition).offset() - offset.offset()), Long::sum);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            return lags;
        }
        lags.forEach((key, lag) -> maxLag.merge(key, lag, Math::max));
        return lags;
    }

    synchronized Map<String, Long> maxLag() {
        return new TreeMap<>(maxLag);
    }

    @Override
    public void close() {
        admin.close();
    }
}
