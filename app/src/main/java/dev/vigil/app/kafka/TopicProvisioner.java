package dev.vigil.app.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Makes sure Vigil's topics exist before any role starts: creates the missing ones (idempotently) and waits until
 * every partition has a leader that answers, because an idempotent producer writing earlier can stall for minutes
 * (KAFKA-15591).
 */
final class TopicProvisioner {

    private static final Logger LOG = LogManager.getLogger(TopicProvisioner.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PAUSE = Duration.ofMillis(200);

    private final KafkaClientSettings settings;
    private final Duration timeout;

    TopicProvisioner(KafkaClientSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    /**
     * Creates those of {@code names} that do not exist (when {@code create}) with the given partitions and
     * replication factor, then waits for their leaders. Fails when a topic is missing and may not be created.
     */
    void provision(Collection<String> names, int partitions, Optional<Short> replicationFactor, boolean create) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(adminConfig())) {
            Set<String> existing = retryUntil(deadline, "Kafka at " + settings.bootstrapServers(),
                    () -> admin.listTopics().names().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            List<String> missing = names.stream().filter(name -> !existing.contains(name)).toList();
            if (!missing.isEmpty() && !create) {
                throw new IllegalStateException("Kafka topics " + missing + " do not exist; create them or set "
                        + "vigil.kafka.create-topics=true");
            }
            if (!missing.isEmpty()) {
                create(admin, missing, partitions, replicationFactor);
            }
            awaitLeaders(admin, names, deadline);
        }
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = settings.clientConfig();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-topics");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis());
        return config;
    }

    private static void create(Admin admin, List<String> missing, int partitions, Optional<Short> replicationFactor) {
        List<NewTopic> topics = missing.stream()
                .map(name -> new NewTopic(name, Optional.of(partitions), replicationFactor))
                .toList();
        admin.createTopics(topics).values().forEach(TopicProvisioner::awaitCreated);
        LOG.info("Created Kafka topics {} with {} partition(s) each", missing, partitions);
    }

    private static void awaitCreated(String name, KafkaFuture<Void> created) {
        try {
            created.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topic " + name + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topic " + name, e);
        }
    }

    private static void awaitLeaders(Admin admin, Collection<String> names, Instant deadline) {
        Map<String, TopicDescription> descriptions = retryUntil(deadline, "metadata of " + names,
                () -> admin.describeTopics(names).allTopicNames().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Map<TopicPartition, OffsetSpec> partitions = descriptions.values().stream()
                .flatMap(description -> description.partitions().stream()
                        .map(partition -> new TopicPartition(description.name(), partition.partition())))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        retryUntil(deadline, "leaders of " + partitions.size() + " partitions",
                () -> admin.listOffsets(partitions).all().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** One attempt of an admin call that may fail while the cluster settles. */
    @FunctionalInterface
    private interface Attempt<T> {
        T call() throws Exception;
    }

    private static <T> T retryUntil(Instant deadline, String what, Attempt<T> attempt) {
        Exception last;
        do {
            try {
                return attempt.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("failed waiting for " + what + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                last = e;
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                throw new IllegalStateException("failed waiting for " + what, e);
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException("timed out waiting for " + what + " (vigil.kafka.startup-timeout)", last);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
