package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.bench.stack.VigilRoles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit webhook under load: {@code clients} concurrent HTTP clients, each posting the pool's 400-event
 * EventLists one after the other on its own kept-alive connection (the next only after the 200, as the API server's
 * webhook backend does per connection). Every answer must be 200 with all 400 accepted; anything else is counted and
 * reported. Measured after {@code warmup} of the same load, like the baseline: the webhook's per-request code (Tomcat,
 * Spring, the controller) runs 400 times less often than its per-event code, and the JIT was still compiling it
 * for a third of the process's CPU 20 s into a cold run.
 */
public final class WebhookThroughput {

    /** The ingest role's request, Tomcat I/O and producer I/O threads are the application; the client is not. */
    private static final String[] CPU_GROUPS = {"requests", "^http-nio-.*-exec-", "tomcat I/O", "^http-nio-",
        "producer I/O", "kafka-producer-network-thread", "client", "^bench-webhook-client-"};

    private WebhookThroughput() {
    }

    public static Figure measure(int port, BatchPool pool, int clients, Duration warmup, Duration duration) throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong batchIndex = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(clients, ProducerBaseline.named("bench-webhook-client-"));
        try {
            try (WebhookConnection first = connection(port)) {
                first.post(pool.get(0).eventList());
            }
            long measureFrom = System.nanoTime() + warmup.toNanos();
            long deadline = measureFrom + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(threads.submit(() -> {
                    try (WebhookConnection connection = connection(port)) {
                        for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
                            WebhookConnection.Answer answer = connection.post(
                                    pool.get(batchIndex.getAndIncrement()).eventList());
                            if (System.nanoTime() < measureFrom) {
                                continue;
                            }
                            if (answer.status() == 200 && answer.body().contains("\"accepted\":400")) {
                                accepted.addAndGet(BatchPool.BATCH_SIZE);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            CpuShares cpu = ProducerBaseline.afterWarmup(measureFrom, CPU_GROUPS);
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - measureFrom) / 1e9;
            Map<String, Double> perEvent = cpu.perEvent(accepted.get());
            return Figure.rate("webhook ingest, 400-event batches", accepted.get() / seconds,
                    perEvent.get("requests") + perEvent.get("tomcat I/O") + perEvent.get("producer I/O"),
                    clients + " concurrent HTTP/1.1 clients (plain sockets, kept alive), role ingest alone, answer after"
                            + " Kafka acks, after " + warmup.toSeconds() + " s of warm-up; "
                            + CpuShares.describe(perEvent) + ProducerBatching.of("vigil-ingest")
                            + (failed.get() > 0 ? "; " + failed.get() + " batches NOT accepted" : ""));
        } finally {
            threads.shutdownNow();
        }
    }

    private static WebhookConnection connection(int port) {
        return new WebhookConnection("127.0.0.1", port, "/v1/audit", "Content-Type: application/json",
                "Authorization: Bearer " + VigilRoles.TOKEN);
    }
}
