package dev.vigil.ingest.watch;

import dev.vigil.model.watch.WatchEvent;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Watches one cluster with fabric8 informers, one per {@link WatchedResource}: each lists first (every object as
 * ADDED), then watches from the list's resourceVersion with bookmarks, resumes from the last seen resourceVersion
 * after a disconnect, and re-lists on 410 Gone. Informers retry in the background, so an unreachable API server
 * never blocks Vigil's start. CNI resources are found by their CRDs when the watch starts.
 */
final class ClusterWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

    private final String cluster;
    private final KubernetesClient client;
    private final boolean cniResources;
    private final Consumer<WatchEvent> sink;
    private final Clock clock;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private final List<WatchedResource> watched = new ArrayList<>();

    ClusterWatch(String cluster, KubernetesClient client, boolean cniResources, Consumer<WatchEvent> sink, Clock clock) {
        this.cluster = cluster;
        this.client = client;
        this.cniResources = cniResources;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * Starts every informer without waiting for its first list; the returned future completes when all of them
     * have synced (tests wait on it, Vigil's start does not).
     */
    synchronized CompletableFuture<Void> start() {
        List<WatchedResource> resources = new ArrayList<>(WatchedResource.CORE);
        if (cniResources) {
            resources.addAll(installedCniResources());
        }
        List<CompletableFuture<Void>> synced = new ArrayList<>();
        for (WatchedResource resource : resources) {
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(resource.context())
                    .inAnyNamespace()
                    .runnableInformer(0);
            informer.addEventHandler(new WatchEventForwarder(cluster, resource, client.getKubernetesSerialization(),
                    sink, clock));
            informer.exceptionHandler((started, error) -> retry(resource, error));
            informers.add(informer);
            watched.add(resource);
            synced.add(informer.start().toCompletableFuture());
        }
        LOG.info("Watching {} in cluster {}", watched, cluster);
        return CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new));
    }

    /** Informers retry lists and watches for as long as Vigil runs: the API server may be away for a while. */
    private boolean retry(WatchedResource resource, Throwable error) {
        if (ExceptionHandler.isDeserializationException(error)) {
            LOG.error("Watch of {} in cluster {} stopped: unreadable object: {}", resource, cluster, error.toString());
            return false;
        }
        LOG.warn("Watch of {} in cluster {} failed, retrying: {}", resource, cluster, error.toString());
        return true;
    }

    /** The CNI resources whose CRDs exist in the cluster now. */
    private List<WatchedResource> installedCniResources() {
        List<WatchedResource> found = new ArrayList<>();
        for (String name : WatchedResource.CNI_CRDS) {
            try {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                        .withName(name).get();
                Optional.ofNullable(crd).flatMap(WatchedResource::of).ifPresent(found::add);
            } catch (KubernetesClientException e) {
                LOG.warn("Cannot look up CRD {} in cluster {} ({}): its resources are not watched", name, cluster,
                        e.getMessage());
            }
        }
        return found;
    }

    synchronized List<WatchedResource> watched() {
        return List.copyOf(watched);
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::stop);
        informers.clear();
        client.close();
    }
}
