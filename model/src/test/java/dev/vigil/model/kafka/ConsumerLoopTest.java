package dev.vigil.model.kafka;

import dev.vigil.embedded.CapturedLogs;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer thread of the indexer, the notifiers and the console, against Kafka's own consumer double. */
class ConsumerLoopTest {

    private static final String TOPIC = "loop-test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private ConsumerLoop<String, String> loop;

    @AfterEach
    void stopLoop() {
        if (loop != null) {
            loop.stop(WAIT);
        }
    }

    @Test
    void subscribesCallsTheStepUntilStoppedAndClosesTheConsumer() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        List<String> hooks = new CopyOnWriteArrayList<>();
        loop = ConsumerLoop.<String, String>builder("loop-test-start")
                .consumer(() -> consumer)
                .topic(TOPIC)
                .beforeSubscribe(c -> hooks.add("before, subscribed to " + c.subscription()))
                .step(c -> {
                    c.poll(Duration.ofMillis(10));
                    steps.incrementAndGet();
                })
                .afterSteps(c -> hooks.add("after, open " + !consumer.closed()))
                .build();

        loop.start();
        await().atMost(WAIT).until(() -> steps.get() >= 3);
        assertThat(loop.isRunning()).isTrue();
        assertThat(consumer.subscription()).containsExactly(TOPIC);

        loop.requestStop();
        assertThat(loop.awaitStop(WAIT)).isTrue();
        assertThat(loop.isRunning()).isFalse();
        assertThat(loop.failure()).isNull();
        assertThat(consumer.closed()).isTrue();
        assertThat(hooks).containsExactly("before, subscribed to []", "after, open true");
    }

    @Test
    void stopWakesAConsumerThatWaitsInPoll() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        loop = ConsumerLoop.<String, String>builder("loop-test-wakeup")
                .consumer(() -> consumer)
                .topic(TOPIC)
                .step(c -> {
                    while (true) { // a step that only a wake-up ends, like a long poll
                        c.poll(Duration.ofMillis(10));
                        polls.incrementAndGet();
                    }
                })
                .build();

        try (CapturedLogs logs = CapturedLogs.attach()) {
            loop.start();
            await().atMost(WAIT).until(() -> polls.get() > 0);
            loop.stop(WAIT);

            assertThat(loop.awaitStop(Duration.ZERO)).isTrue();
            assertThat(loop.failure()).isNull();
            assertThat(consumer.closed()).isTrue();
            assertThat(logs.lines()).noneMatch(line -> line.contains("unexpected"))
                    .anyMatch(line -> line.endsWith("loop-test-wakeup stopped"));
        }
    }

    @Test
    void aCrashIsLoggedAndEndsTheLoopWithTheConsumerClosed() throws Exception {
        List<String> after = new CopyOnWriteArrayList<>();
        loop = ConsumerLoop.<String, String>builder("loop-test-crash")
                .consumer(() -> consumer)
                .topic(TOPIC)
                .step(c -> {
                    throw new IllegalStateException("boom in the step");
                })
                .afterSteps(c -> after.add("ran"))
                .build();

        try (CapturedLogs logs = CapturedLogs.attach()) {
            loop.start();
            assertThat(loop.awaitStop(WAIT)).isTrue();

            assertThat(loop.isRunning()).isFalse();
            assertThat(loop.failure()).isInstanceOf(IllegalStateException.class).hasMessage("boom in the step");
            assertThat(consumer.closed()).isTrue();
            assertThat(after).containsExactly("ran");
            assertThat(logs.lines()).anyMatch(line -> line.contains("loop-test-crash stopped by an unexpected error")
                    && line.contains("boom in the step"));
        }
    }

    @Test
    void aWakeUpNobodyAskedForIsACrash() throws Exception {
        loop = ConsumerLoop.<String, String>builder("loop-test-stray-wakeup")
                .consumer(() -> consumer)
                .topic(TOPIC)
                .step(c -> {
                    c.wakeup();
                    c.poll(Duration.ofMillis(10));
                })
                .build();

        try (CapturedLogs logs = CapturedLogs.attach()) {
            loop.start();
            assertThat(loop.awaitStop(WAIT)).isTrue();

            assertThat(loop.failure()).isNotNull();
            assertThat(logs.lines()).anyMatch(line -> line.contains("loop-test-stray-wakeup stopped"));
        }
    }

    @Test
    void theRebalanceListenerIsMadeForTheConsumerAndHearsAssignments() throws Exception {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        List<Collection<TopicPartition>> assigned = new CopyOnWriteArrayList<>();
        List<Object> listenerConsumers = new CopyOnWriteArrayList<>();
        loop = ConsumerLoop.<String, String>builder("loop-test-listener")
                .consumer(() -> consumer)
                .topic(TOPIC, c -> {
                    listenerConsumers.add(c);
                    return new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        }

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                            assigned.add(List.copyOf(partitions));
                        }
                    };
                })
                .step(c -> c.poll(Duration.ofMillis(10)))
                .build();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(partition)));

        loop.start();
        await().atMost(WAIT).until(() -> !assigned.isEmpty());

        assertThat(listenerConsumers).containsExactly(consumer);
        assertThat(assigned).containsExactly(List.of(partition));
    }

    @Test
    void stoppingBeforeSubscribingEndsWithoutSubscribing() throws Exception {
        loop = ConsumerLoop.<String, String>builder("loop-test-early-stop")
                .consumer(() -> consumer)
                .topic(TOPIC)
                .beforeSubscribe(c -> loop.requestStop())
                .step(c -> c.poll(Duration.ofMillis(10)))
                .build();

        loop.start();
        assertThat(loop.awaitStop(WAIT)).isTrue();

        assertThat(consumer.subscription()).isEmpty();
        assertThat(consumer.closed()).isTrue();
        assertThat(loop.failure()).isNull();
    }
}
