package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.bench.stack.VigilRoles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * EventLists one after the other (the next only after the 200, as the API server's webhook backend does per
 * connection). Every answer must be 200 with all 400 accepted; anything else is counted and reported.
 */
public final class WebhookThroughput {

    /** The ingest role's request, Tomcat I/O and producer I/O threads are the application; the client is not. */
    private static final String[] CPU_GROUPS = {"requests", "^http-nio-.*-exec-", "tomcat I/O", "^http-nio-",
        "producer I/O", "kafka-producer-network-thread", "client", "^bench-webhook-client-|^HttpClient-"};

    private WebhookThroughput() {
    }

    public static Figure measure(int port, BatchPool pool, int clients, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/audit");
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong batchIndex = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(clients, ProducerBaseline.named("bench-webhook-client-"));
        try {
            post(http, uri, pool.get(0).eventList());
            CpuShares cpu = CpuShares.start(CPU_GROUPS);
            long started = System.nanoTime();
            long deadline = started + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpResponse<String> response = post(http, uri, pool.get(batchIndex.getAndIncrement()).eventList());
                        if (response.statusCode() == 200 && response.body().contains("\"accepted\":400")) {
                            accepted.addAndGet(BatchPool.BATCH_SIZE);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> perEvent = cpu.perEvent(accepted.get());
            return Figure.rate("webhook ingest, 400-event batches", accepted.get() / seconds,
                    perEvent.get("requests") + perEvent.get("tomcat I/O") + perEvent.get("producer I/O"),
                    clients + " concurrent HTTP/1.1 clients, role ingest alone, answer after Kafka acks; "
                            + CpuShares.describe(perEvent)
                            + (failed.get() > 0 ? "; " + failed.get() + " batches NOT accepted" : ""));
        } finally {
            threads.shutdownNow();
        }
    }

    static HttpResponse<String> post(HttpClient http, URI uri, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + VigilRoles.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
