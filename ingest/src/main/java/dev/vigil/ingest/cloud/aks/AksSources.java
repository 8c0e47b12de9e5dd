package dev.vigil.ingest.cloud.aks;

import dev.vigil.ingest.cloud.delivery.CloudMetrics;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured AKS event hubs ({@code vigil.sources.aks}), one {@link AksEventHubReader} thread each, started with
 * the application and stopped before the ingest producer closes.
 */
public final class AksSources implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AksSources.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final List<SourcesProperties.Aks> sources;
    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final CloudMetrics metrics;
    private final Duration ackTimeout;
    private final Duration retryAfter;
    private final List<AksEventHubReader> readers = new ArrayList<>();
    private volatile boolean running;

    public AksSources(List<SourcesProperties.Aks> sources, AuditRecordWriter audit, DeadLetterWriter deadLetters,
                      CloudMetrics metrics,
                      Duration ackTimeout, Duration retryAfter) {
        this.sources = sources.stream().filter(SourcesProperties.Aks::enabled).toList();
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
    }

    @Override
    public synchronized void start() {
        for (SourcesProperties.Aks source : sources) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(EventHubsConsumerConfig.of(source),
                    new StringDeserializer(), new ByteArrayDeserializer());
            AksEventHubReader reader = new AksEventHubReader(source, consumer, audit, deadLetters, metrics, ackTimeout,
                    retryAfter);
            readers.add(reader);
            Thread thread = new Thread(reader, "vigil-aks-" + source.name());
            thread.setDaemon(true);
            thread.start();
            LOG.info("Reading AKS audit logs from event hub {} at {} as consumer group {} (clusters {})",
                    source.topic(), source.bootstrapServers(), source.consumerGroup(), source.allowedClusters());
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        for (AksEventHubReader reader : readers) {
            try {
                reader.stop(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        readers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
