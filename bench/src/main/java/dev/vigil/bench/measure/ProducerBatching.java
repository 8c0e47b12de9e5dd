package dev.vigil.bench.measure;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How a producer of this JVM batched, from its own metrics (JMX, Kafka's 30 s windows): how many records went into
 * one produce request and how large a batch was. Two producers with the same settings may still batch differently
 * when their records arrive differently (all at once, or spread over the time a request's body takes to read).
 */
final class ProducerBatching {

    private ProducerBatching() {
    }

    /** "records per request 812, batch 41 KB (compressed)" for the producer of {@code clientId}, or empty. */
    static String of(String clientId) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId);
            double records = ((Number) server.getAttribute(name, "records-per-request-avg")).doubleValue();
            double batch = ((Number) server.getAttribute(name, "batch-size-avg")).doubleValue();
            return String.format(Locale.ROOT, "; %s: %.0f records per produce request, batches of %.0f KB",
                    clientId, records, batch / 1024);
        } catch (Exception | LinkageError e) {
            return "";
        }
    }
}
