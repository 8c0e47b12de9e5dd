package dev.vigil.ingest.watch;

import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.ingest.kafka.ProducerTuning;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link ClusterWatch} per enabled cluster of {@code vigil.ingest.watch.clusters}, with its own producer
 * (longer delivery timeout than the webhook's). A cluster that cannot be configured is logged and skipped; one
 * that cannot be reached is retried by its informers — neither stops Vigil from starting.
 */
final class KubernetesWatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesWatcher.class);

    private final IngestProperties.Watch properties;
    private final KafkaClientSettings kafka;
    private final ProducerTuning tuning;
    private final String topic;
    private final MeterRegistry registry;
    private final List<ClusterWatch> watches = new ArrayList<>();
    private IngestProducer producer;
    private boolean running;

    KubernetesWatcher(IngestProperties.Watch properties, KafkaClientSettings kafka, ProducerTuning tuning, String topic,
                      MeterRegistry registry) {
        this.properties = properties;
        this.kafka = kafka;
        this.tuning = tuning.withDeliveryTimeout(properties.deliveryTimeout());
        this.topic = topic;
        this.registry = registry;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (properties.enabledClusters().isEmpty()) {
            return;
        }
        producer = new IngestProducer(kafka, tuning, "vigil-ingest-watch", registry);
        WatchRecordWriter writer = new WatchRecordWriter(producer, topic, registry);
        for (IngestProperties.WatchedCluster cluster : properties.enabledClusters()) {
            try {
                ClusterWatch watch = new ClusterWatch(cluster.name(), client(cluster), properties.cniResources(),
                        writer, Clock.systemUTC());
                watch.start();
                watches.add(watch);
            } catch (RuntimeException e) {
                LOG.error("Cannot watch cluster {}: {}", cluster.name(), e.toString());
            }
        }
    }

    static KubernetesClient client(IngestProperties.WatchedCluster cluster) {
        Config config;
        if (cluster.kubeconfig() != null && !cluster.inCluster()) {
            config = Config.fromKubeconfig(cluster.context(), cluster.kubeconfig().toFile());
        } else {
            // In a pod without a kubeconfig this is the pod's service account; elsewhere KUBECONFIG / ~/.kube/config.
            config = Config.autoConfigure(cluster.context());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public synchronized void stop() {
        running = false;
        watches.forEach(ClusterWatch::close);
        watches.clear();
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
