package dev.vigil.bench.measure;

import dev.vigil.bench.workload.GeneratedEvent;
import dev.vigil.bench.workload.WorkloadGenerator;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook-sized batches of generated events, held in memory so that sending them costs nothing but the sending:
 * each batch as the {@code EventList} body the API server posts, and as the enveloped records a plain producer
 * would write for the same events. The webhook and the producer baseline cycle through the same batches.
 */
public final class BatchPool {

    /** The API server's default webhook batch size ({@code --audit-webhook-batch-max-size}). */
    public static final int BATCH_SIZE = 400;

    /** One batch: the events' keys, their enveloped record values, and the EventList body. */
    public record Batch(List<String> keys, List<byte[]> values, byte[] eventList) {
    }

    private final List<Batch> batches;

    private BatchPool(List<Batch> batches) {
        this.batches = List.copyOf(batches);
    }

    public static BatchPool generate(WorkloadGenerator generator, int batchCount, String cluster) {
        List<Batch> batches = new ArrayList<>(batchCount);
        Instant receivedAt = Instant.now();
        for (int b = 0; b < batchCount; b++) {
            List<String> keys = new ArrayList<>(BATCH_SIZE);
            List<byte[]> values = new ArrayList<>(BATCH_SIZE);
            ObjectNode list = VigilJson.mapper().createObjectNode();
            list.put("kind", "EventList");
            list.put("apiVersion", "audit.k8s.io/v1");
            list.putObject("metadata");
            ArrayNode items = list.putArray("items");
            for (GeneratedEvent event : generator.next(BATCH_SIZE)) {
                keys.add(event.auditID());
                values.add(event.record(cluster, receivedAt));
                items.add(event.event());
            }
            batches.add(new Batch(keys, values, VigilJson.writeBytes(list)));
        }
        return new BatchPool(batches);
    }

    public Batch get(long i) {
        return batches.get((int) (i % batches.size()));
    }

    public int size() {
        return batches.size();
    }
}
