package dev.vigil.ingest.kafka;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckTrackerTest {

    private final ExecutorService kafka = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        kafka.shutdownNow();
    }

    @Test
    void returnsOnceEverySendSettledWithEveryResultHandled() throws Exception {
        AckTracker tracker = new AckTracker();
        AtomicInteger counted = new AtomicInteger();
        List<CompletableFuture<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            CompletableFuture<Integer> send = new CompletableFuture<>();
            sends.add(send);
            tracker.track(send, counted::addAndGet);
        }
        for (int i = 0; i < sends.size(); i++) {
            CompletableFuture<Integer> send = sends.get(i);
            kafka.execute(() -> send.complete(1));
        }

        tracker.awaitAll(Duration.ofSeconds(30));

        assertThat(counted).hasValue(2_000);
        assertThat(tracker.failure()).isNull();
    }

    @Test
    void sendsTheCallerSettlesAreAwaitedLikeFutures() throws Exception {
        AckTracker tracker = new AckTracker();
        for (int i = 0; i < 1_000; i++) {
            tracker.expect();
            kafka.execute(() -> tracker.settle(null));
        }

        tracker.awaitAll(Duration.ofSeconds(30));

        tracker.expect();
        tracker.settle(new IllegalStateException("refused"));
        assertThatThrownBy(() -> tracker.awaitAll(Duration.ofSeconds(30)))
                .isInstanceOf(KafkaUnavailableException.class).hasMessageContaining("refused");
    }

    @Test
    void returnsAtOnceWhenEverySendSettledBeforeTheWait() throws Exception {
        AckTracker tracker = new AckTracker();
        tracker.track(CompletableFuture.completedFuture("done"));
        tracker.track(CompletableFuture.completedFuture("done"), result -> { });

        tracker.awaitAll(Duration.ofMillis(1));
    }

    @Test
    void failsAsSoonAsOneSendFailedThoughOthersAreOutstanding() {
        AckTracker tracker = new AckTracker();
        tracker.track(new CompletableFuture<>());
        CompletableFuture<Object> failing = new CompletableFuture<>();
        tracker.track(failing);
        tracker.track(new CompletableFuture<>());
        kafka.execute(() -> failing.completeExceptionally(new IllegalStateException("broker gone")));

        long started = System.nanoTime();
        assertThatThrownBy(() -> tracker.awaitAll(Duration.ofSeconds(60)))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("IllegalStateException: broker gone");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void timesOutWithTheSendsStillOutstanding() {
        AckTracker tracker = new AckTracker();
        tracker.track(CompletableFuture.completedFuture(1));
        tracker.track(new CompletableFuture<>());

        assertThatThrownBy(() -> tracker.awaitAll(Duration.ofMillis(50)))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("did not acknowledge 1 record(s) within 50 ms");
    }

    @Test
    void aResultHandlerThatFailsFailsTheBatch() {
        AckTracker tracker = new AckTracker();
        tracker.track(CompletableFuture.completedFuture(1), result -> {
            throw new IllegalArgumentException("cannot count");
        });

        assertThat(tracker.failure()).hasMessage("cannot count");
        assertThatThrownBy(() -> tracker.awaitAll(Duration.ofSeconds(1)))
                .isInstanceOf(KafkaUnavailableException.class);
    }

    @Test
    void theHandlerDoesNotRunForAFailedSend() throws Exception {
        AckTracker tracker = new AckTracker();
        AtomicInteger handled = new AtomicInteger();
        tracker.track(CompletableFuture.failedFuture(new IllegalStateException("no")), result -> handled.incrementAndGet());

        assertThatThrownBy(() -> tracker.awaitAll(Duration.ofSeconds(1))).isInstanceOf(KafkaUnavailableException.class);
        assertThat(handled).hasValue(0);
        kafka.shutdown();
        assertThat(kafka.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
    }
}
