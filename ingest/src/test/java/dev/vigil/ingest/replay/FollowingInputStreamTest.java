package dev.vigil.ingest.replay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tailing a live file: appends, rotation by rename, truncation in place, a file that appears late. */
class FollowingInputStreamTest {

    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path dir;

    private final StopSignal stop = new StopSignal();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Integer> generations = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutdown() throws InterruptedException {
        stop.request();
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Reads generation after generation like {@code replay --follow}, recording lines and generation ends. */
    private Future<?> follow(Path file) {
        return executor.submit(() -> {
            int generation = 0;
            while (!stop.requested()) {
                try (FollowingInputStream in = FollowingInputStream.open(file, POLL, stop)) {
                    if (in == null) {
                        return null;
                    }
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                }
                generations.add(++generation);
            }
            return null;
        });
    }

    @Test
    void followsAppendsRotationAndTruncation() throws IOException {
        Path file = dir.resolve("audit.log");
        append(file, "one", "two");
        Future<?> running = follow(file);
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() == 2);

        append(file, "three");
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() == 3);
        assertThat(generations).isEmpty();

        // logrotate / lumberjack: the writer renames the file and starts a new one under the same name; what was
        // written to the old file and not read yet is still read before moving on.
        append(file, "four (written just before the rotation)");
        Files.move(file, dir.resolve("audit-2026-11-23.log"));
        append(file, "five");
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() == 5);
        assertThat(generations).containsExactly(1);

        // copytruncate: the same file is emptied and written from the start.
        append(file, "six");
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() == 6);
        Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        await().atMost(Duration.ofSeconds(5)).until(() -> generations.size() == 2);
        append(file, "seven");
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() == 7);

        assertThat(lines).containsExactly("one", "two", "three", "four (written just before the rotation)", "five",
                "six", "seven");
        stop.request();
        await().atMost(Duration.ofSeconds(5)).until(running::isDone);
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() throws IOException {
        Path file = dir.resolve("later.log");
        follow(file);
        append(file, "finally");
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.equals(List.of("finally")));
    }

    @Test
    void anInterruptWhileWaitingEndsTheFollowLikeAStop() throws InterruptedException {
        Path file = dir.resolve("idle.log");
        java.util.concurrent.atomic.AtomicReference<Object> opened = new java.util.concurrent.atomic.AtomicReference<>("not yet");
        Thread waiting = new Thread(() -> {
            try {
                opened.set(FollowingInputStream.open(file, POLL, stop));
            } catch (IOException e) {
                opened.set(e);
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
        waiting.interrupt();
        waiting.join(5_000);
        assertThat(stop.requested()).isTrue();
        assertThat(opened.get()).isNull();
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
