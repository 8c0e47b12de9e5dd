package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.bench.stack.VigilRoles;
import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end latency at a fixed offered load: the generated workload is posted to the webhook in ten batches a
 * second, each with one marker (an anonymous write that makes an alert of its own). A poller asks OpenSearch,
 * without forcing a refresh, which markers' alerts are searchable yet; latency is from the start of the marker's
 * POST to the first poll that finds its alert. The same load runs for a warm-up first, whose markers are not counted
 * (nor its consumer lag): the figure is the steady state, not the JIT at work. Heap and RSS are sampled once a second
 * meanwhile. The markers' evidence documents are polled the same way in {@code vigil-audit-*}: the evidence lag,
 * how long until a forensic search finds an event.
 */
public final class EndToEndLatency {

    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(EndToEndLatency.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private EndToEndLatency() {
    }

    /** One batch ready to send: its EventList body, the auditID of its marker and its evidence document's id. */
    private record Batch(byte[] body, String markerId, String evidenceId) {
    }

    public static List<Figure> measure(int port, String openSearchUrl, Map<String, Object> kafka,
                                       WorkloadGenerator generator, int rate, Duration warmup, Duration duration)
            throws Exception {
        int perBatch = Math.max(2, rate / 10);
        int warmupBatches = (int) (warmup.toMillis() / 100);
        List<Batch> batches = prepare(generator, perBatch, warmupBatches + (int) (duration.toMillis() / 100) + 1);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI webhook = URI.create("http://127.0.0.1:" + port + "/v1/audit");
        double readySeconds = awaitPipeline(http, webhook, openSearchUrl, batches.remove(0));
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        // the same markers' evidence documents, by document id: how far behind a forensic search is
        Map<String, Long> evidencePostedAt = new ConcurrentHashMap<>();
        Set<String> warmupEvidence = ConcurrentHashMap.newKeySet();
        List<Long> evidenceLags = Collections.synchronizedList(new ArrayList<>());
        Set<String> warmupMarkers = ConcurrentHashMap.newKeySet();
        // where the time goes, from wall clocks of the same JVM: POST → answered, → alert created, → searchable
        Map<String, long[]> stages = new ConcurrentHashMap<>();
        List<long[]> split = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong next = new AtomicLong();
        ProcessMemory memory = new ProcessMemory();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(3);
        ConsumerLag lag = new ConsumerLag(kafka);
        AlertTopicWatch onTopic = new AlertTopicWatch(kafka);
        Map<String, Long> cpuBefore = stageCpu();
        long indexedBefore = new EvidencePoller(openSearchUrl).indexed();
        long started = System.nanoTime();
        try {
            timers.scheduleAtFixedRate(() -> {
                int i = (int) next.getAndIncrement();
                if (i >= batches.size()) {
                    return;
                }
                Batch batch = batches.get(i);
                if (i < warmupBatches) {
                    warmupMarkers.add(batch.markerId());
                    warmupEvidence.add(batch.evidenceId());
                }
                stages.put(batch.markerId(), new long[] {System.currentTimeMillis(), 0});
                long now = System.nanoTime();
                postedAt.put(batch.markerId(), now);
                evidencePostedAt.put(batch.evidenceId(), now);
                http.sendAsync(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + VigilRoles.TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build(),
                        HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            boolean measured = !warmupMarkers.contains(batch.markerId());
                            stages.get(batch.markerId())[1] = System.currentTimeMillis();
                            if (failure == null && response.statusCode() == 200) {
                                accepted.addAndGet(measured ? perBatch : 0);
                            } else {
                                refused.addAndGet(measured ? 1 : 0);
                                postedAt.remove(batch.markerId());
                                evidencePostedAt.remove(batch.evidenceId());
                            }
                        });
            }, 0, 100, TimeUnit.MILLISECONDS);
            long warmupMillis = warmupBatches * 100L;
            timers.scheduleAtFixedRate(memory::sample, warmupMillis + 1000, 1000, TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(() -> LOG.info("Consumer lag: {}", lag.sample()), warmupMillis + 2000, 2000,
                    TimeUnit.MILLISECONDS);
            AlertPoller poller = new AlertPoller(openSearchUrl);
            EvidencePoller evidence = new EvidencePoller(openSearchUrl);
            long drainUntil = started + warmup.toNanos() + duration.toNanos() + DRAIN.toNanos();
            while (System.nanoTime() < drainUntil
                    && (next.get() < batches.size() || !postedAt.isEmpty() || !evidencePostedAt.isEmpty())) {
                Thread.sleep(POLL.toMillis());
                for (String found : evidence.searchable(new ArrayList<>(evidencePostedAt.keySet()))) {
                    Long posted = evidencePostedAt.remove(found);
                    if (posted != null && !warmupEvidence.contains(found)) {
                        evidenceLags.add(System.nanoTime() - posted);
                    }
                }
                List<String> pending = new ArrayList<>(postedAt.keySet());
                for (Map.Entry<String, Instant> found : poller.searchable(pending).entrySet()) {
                    Long posted = postedAt.remove(found.getKey());
                    if (posted != null && !warmupMarkers.contains(found.getKey())) {
                        latencies.add(System.nanoTime() - posted);
                        long[] times = stages.get(found.getKey());
                        long created = found.getValue() == null ? 0 : found.getValue().toEpochMilli();
                        long read = onTopic.seenAt(found.getKey());
                        split.add(new long[] {times[1] - times[0], created - times[0], read - created,
                                System.currentTimeMillis() - read});
                    }
                }
            }
        } finally {
            timers.shutdownNow();
            lag.close();
            onTopic.close();
        }
        long indexed = new EvidencePoller(openSearchUrl).indexed() - indexedBefore;
        String cpu = cpuPerEvent(cpuBefore, stageCpu(), indexed);
        double seconds = Math.max(duration.toMillis() / 1000.0, 1);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        postedAt.keySet().removeAll(warmupMarkers);
        evidencePostedAt.keySet().removeAll(warmupEvidence);
        List<Long> evidenceSorted = new ArrayList<>(evidenceLags);
        Collections.sort(evidenceSorted);
        String how = String.format(Locale.ROOT, "%d of %d marker alerts found (%d never), %d batches refused;"
                        + " POST start to searchable in vigil-alerts-*, polled every %d ms without refresh;"
                        + " measured after a first marker's alert was searchable (%.0f s after start) and a warm-up"
                        + " of %d s at the same load",
                sorted.size(), batches.size() - warmupBatches, postedAt.size(), refused.get(), POLL.toMillis(),
                readySeconds, warmup.toSeconds())
                + "; median / p99 of the parts: POST answered after " + parts(split, 0) + ", alert created in"
                + " streams " + parts(split, 1) + " after the POST started, readable on vigil.alerts (read_committed)"
                + " " + parts(split, 2) + " after that, searchable " + parts(split, 3)
                + " after that (incl. the 100 ms poll)"
                + "; largest consumer lag seen: " + lag.maxLag();
        LOG.info("CPU per evidence document of the evidence path: {}", cpu);
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("offered load accepted by the webhook", accepted.get() / seconds, "events/s",
                String.format(Locale.ROOT, "target %d events/s in 10 batches/s, all roles in one JVM", rate)));
        figures.add(Figure.of("end-to-end latency p50", percentileMillis(sorted, 50), "ms", how));
        figures.add(Figure.of("end-to-end latency p95", percentileMillis(sorted, 95), "ms", ""));
        figures.add(Figure.of("end-to-end latency p99", percentileMillis(sorted, 99), "ms", "").withTarget("< 1000 ms"));
        String evidenceHow = String.format(Locale.ROOT, "the same markers' evidence documents: POST start to"
                        + " searchable in vigil-audit-* (ids query, no refresh, polled every %d ms); %d of %d found"
                        + " (%d never); CPU per evidence document indexed (warm-up and drain included): %s",
                POLL.toMillis(),
                evidenceSorted.size(), batches.size() - warmupBatches, evidencePostedAt.size(), cpu);
        figures.add(Figure.of("evidence lag p50", percentileMillis(evidenceSorted, 50), "ms", evidenceHow));
        figures.add(Figure.of("evidence lag p95", percentileMillis(evidenceSorted, 95), "ms", ""));
        figures.add(Figure.of("evidence lag p99", percentileMillis(evidenceSorted, 99), "ms", "")
                .withTarget("< 10000 ms"));
        figures.add(Figure.of("heap in use, steady state", memory.steadyHeapMiB(), "MiB",
                String.format(Locale.ROOT, "median of the 2nd half of 1-s samples, max %.0f MiB; Vigil + Kafka +"
                        + " OpenSearch share this JVM", memory.maxHeapMiB())));
        figures.add(Figure.of("RSS, steady state", memory.steadyRssMiB(), "MiB",
                "whole bench JVM (Vigil roles, embedded Kafka and OpenSearch), /proc/self/status VmRSS"));
        return figures;
    }

    /**
     * Posts one batch and waits until its marker's alert is searchable: the stream threads run, the indexers
     * have their partitions and the alert index exists. Without it, the start-up of the roles is measured.
     */
    private static double awaitPipeline(HttpClient http, URI webhook, String openSearchUrl, Batch first)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + VigilRoles.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(first.body())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the webhook refused the first batch: " + response.statusCode() + " "
                    + response.body());
        }
        AlertPoller poller = new AlertPoller(openSearchUrl);
        long deadline = started + Duration.ofMinutes(5).toNanos();
        while (poller.searchable(List.of(first.markerId())).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first marker's alert was not searchable within 5 minutes");
            }
            Thread.sleep(POLL.toMillis());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The threads of the evidence path (and the alerts' indexer), by the part of their names that says the stage. */
    private static final List<String> STAGE_THREADS = List.of("bench-e2e-evidence-", "vigil-indexer-vigil.evidence",
            "vigil-indexer-vigil.alerts", "[write]", "[refresh]", "Lucene Merge Thread");

    private static Map<String, Long> stageCpu() {
        Map<String, Long> cpu = new java.util.LinkedHashMap<>();
        STAGE_THREADS.forEach(marker -> cpu.put(marker, ThreadCpu.nanos(marker)));
        return cpu;
    }

    /**
     * CPU µs per evidence document the node indexed (about one per event; a run cut off by the drain's end indexed
     * fewer than were posted) of each stage's threads between two samples (threads that ended in between are missed).
     */
    private static String cpuPerEvent(Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder text = new StringBuilder(events + " documents: ");
        after.forEach((marker, nanos) -> text.append(marker.equals(STAGE_THREADS.get(0)) ? "" : ", ").append(marker)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f µs",
                        (nanos - before.get(marker)) / 1e3 / Math.max(events, 1))));
        return text.toString();
    }

    /** Median and p99 of one part of the split, in ms. */
    private static String parts(List<long[]> split, int part) {
        List<Long> values;
        synchronized (split) {
            values = new ArrayList<>(split.stream().map(times -> times[part] * 1_000_000).sorted().toList());
        }
        return String.format(Locale.ROOT, "%.0f / %.0f ms", percentileMillis(values, 50), percentileMillis(values, 99));
    }

    private static double percentileMillis(List<Long> sorted, double percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * percent / 100) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static List<Batch> prepare(WorkloadGenerator generator, int perBatch, int count) {
        List<Batch> batches = new ArrayList<>(count);
        Instant start = Instant.now();
        for (int b = 0; b < count; b++) {
            ObjectNode list = VigilJson.mapper().createObjectNode();
            list.put("kind", "EventList");
            list.put("apiVersion", "audit.k8s.io/v1");
            ArrayNode items = list.putArray("items");
            GeneratedEvent marker = generator.marker("bench-marker-" + b, start.plusMillis(100L * b));
            items.add(marker.event());
            for (GeneratedEvent event : generator.next(perBatch - 1)) {
                items.add(event.event());
            }
            batches.add(new Batch(VigilJson.writeBytes(list), marker.auditID(), AuditEvent.documentId(
                    VigilRoles.CLUSTER, marker.auditID(), marker.event().path("stage").asString())));
        }
        return batches;
    }
}
