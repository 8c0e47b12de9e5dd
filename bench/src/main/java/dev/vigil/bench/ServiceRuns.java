package dev.vigil.bench;

import dev.vigil.bench.measure.AuditLoad;
import dev.vigil.bench.measure.BatchPool;
import dev.vigil.bench.measure.EndToEndLatency;
import dev.vigil.bench.measure.NewTermsState;
import dev.vigil.bench.measure.PodStateSize;
import dev.vigil.bench.measure.ProducerBaseline;
import dev.vigil.bench.measure.WebhookThroughput;
import dev.vigil.bench.report.Figure;
import dev.vigil.bench.stack.BenchStack;
import dev.vigil.bench.stack.VigilRoles;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.kafka.Topics;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The measurements that run Vigil's roles as {@code vigil run} does: the webhook against a plain producer of the
 * same records, end-to-end latency with heap and RSS, the pod state store and the new-terms state.
 */
final class ServiceRuns {

    private ServiceRuns() {
    }

    static List<Figure> webhook(BenchStack stack, BenchOptions options, WorkloadGenerator generator) throws Exception {
        List<Figure> figures = new ArrayList<>();
        BatchPool pool = BatchPool.generate(generator, 50, AuditLoad.CLUSTER);
        String producerTopic = "bench.producer";
        stack.createTopics(Map.of(producerTopic, BenchStack.AUDIT_PARTITIONS));
        Figure producer = ProducerBaseline.measure(stack.kafkaSettings(), producerTopic, pool, options.clients,
                options.warmup, options.duration);
        figures.add(producer);
        Topics topics = new Topics("bench.webhook.audit", "bench.webhook.watch", "bench.webhook.alerts",
                "bench.webhook.evidence", "bench.webhook.dlq");
        stack.createTopics(stack.contractTopics(topics));
        try (ConfigurableApplicationContext ingest = VigilRoles.start("ingest", stack.kafkaSettings(), topics,
                "http://127.0.0.1:1", Files.createTempDirectory("vigil-bench-ingest"), Map.of())) {
            figures.add(WebhookThroughput.measure(VigilRoles.port(ingest), pool, options.clients, options.warmup,
                    options.duration)
                    .against(producer, ">= 0.5"));
        }
        return figures;
    }

    static List<Figure> latency(BenchStack stack, BenchOptions options, WorkloadGenerator generator) throws Exception {
        Topics topics = Topics.defaults();
        Path state = Files.createTempDirectory("vigil-bench-e2e");
        try (ConfigurableApplicationContext vigil = VigilRoles.start("ingest,streams,alerting", stack.kafkaSettings(),
                topics, stack.openSearch().url(), state, Map.of("vigil.streams.application-id", "bench-e2e"))) {
            return EndToEndLatency.measure(VigilRoles.port(vigil), stack.openSearch().url(),
                    stack.kafkaSettings().clientConfig(), generator, options.rate, options.warmup, options.duration);
        }
    }

    static List<Figure> newTerms(BenchStack stack, BenchOptions options) throws Exception {
        return NewTermsState.measure(stack.kafkaSettings(), options.principals,
                Files.createTempDirectory("vigil-bench-newterms"));
    }

    static List<Figure> pods(BenchStack stack, BenchOptions options) throws Exception {
        return PodStateSize.measure(stack.kafkaSettings(), Topics.defaults(), options.pods,
                Files.createTempDirectory("vigil-bench-pods"));
    }
}
