package dev.vigil.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Admin operations on the embedded broker that must not return early: topic creation waits until every partition
 * has a leader that answers (KAFKA-15591: an idempotent producer writing before that can stall for minutes).
 */
final class KafkaTopics {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private KafkaTopics() {
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis()));
    }

    /** Waits until the broker answers a metadata request with itself in the cluster. */
    static void awaitBroker(String bootstrapServers, Duration timeout) {
        try (Admin admin = admin(bootstrapServers)) {
            retryUntil(timeout, "the broker at " + bootstrapServers,
                    () -> admin.describeCluster().nodes().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()
                            ? null : Boolean.TRUE);
        }
    }

    /** Creates the missing topics and waits until every partition of all of them answers a list-offsets request. */
    static void create(String bootstrapServers, Map<String, Integer> nameToPartitions, Duration timeout) {
        List<NewTopic> topics = nameToPartitions.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
                .toList();
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(topics).values().forEach((name, created) -> awaitCreated(name, created));
            Map<String, TopicDescription> descriptions = retryUntil(timeout, "topic metadata",
                    () -> admin.describeTopics(nameToPartitions.keySet()).allTopicNames().get());
            Map<TopicPartition, OffsetSpec> partitions = descriptions.values().stream()
                    .flatMap(description -> IntStream.range(0, description.partitions().size())
                            .mapToObj(partition -> new TopicPartition(description.name(), partition)))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            retryUntil(timeout, "leaders of " + partitions.keySet(),
                    () -> admin.listOffsets(partitions).all().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private static void awaitCreated(String name, KafkaFuture<Void> created) {
        try {
            created.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** One attempt of a retried admin call; returns {@code null} when the condition does not hold yet. */
    @FunctionalInterface
    interface Attempt<T> {
        T call() throws Exception;
    }

    static <T> T retryUntil(Duration timeout, String what, Attempt<T> attempt) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T result = attempt.call();
                if (result != null) {
                    return result;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("failed waiting for " + what, e.getCause());
                }
                last = e;
            } catch (TimeoutException e) {
                last = e;
            } catch (Exception e) {
                throw new IllegalStateException("failed waiting for " + what, e);
            }
            pause();
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what, last);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
