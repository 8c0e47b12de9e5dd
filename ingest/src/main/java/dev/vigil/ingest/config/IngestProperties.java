package dev.vigil.ingest.config;

import dev.vigil.ingest.kafka.ProducerTuning;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code ingest} role ({@code vigil.ingest.*}): who may post audit events as which cluster,
 * how large a batch may be, how long to wait for Kafka, and which clusters to watch.
 *
 * @param token              the local default's token (cluster {@code local}), used only when {@code tokens} is
 *                           empty; set it with the environment variable {@code VIGIL_INGEST_TOKEN}; generated and
 *                           printed once at start when empty
 * @param tokens             bearer tokens accepted by the audit webhook, each allowed to post as its clusters;
 *                           when empty, the local default token is used (see {@code token})
 * @param generateLocalToken whether to generate (and print) a local token when neither {@code tokens} nor
 *                           {@code token} is set; without it, only client certificates are accepted
 * @param clientCertificates TLS client certificate subject CN to the clusters it may post as (mTLS; needs an SSL
 *                           bundle with a trust store and {@code server.ssl.client-auth=want} or {@code need}); write
 *                           a CN with dots as {@code client-certificates.[kube-apiserver.prod-1]=prod-1}
 * @param maxBodySize        largest webhook body accepted; larger ones get 413 without being read (the Firehose
 *                           endpoint answers 500 instead, which Firehose retries, and counts the body inflated)
 * @param ackTimeout         how long the webhook waits, after reading the body, for Kafka to acknowledge every
 *                           record before answering 503; keep it (plus {@code producer.max-block}) well
 *                           below the API server's 30 s webhook timeout
 * @param retryAfter         the {@code Retry-After} the webhook sends with a 503 or 429
 * @param producer           the ingest Kafka producer's compression and timeouts
 * @param watch              the Kubernetes watcher
 * @param bodyReadTimeout    how long the webhook waits, in all, for a request body to arrive; a body still
 *                           incomplete then is answered 408 and nothing of it acknowledged, so that a client sending
 *                           slowly cannot hold a request thread longer (a fully silent client is cut off earlier
 *                           by {@code server.tomcat.connection-timeout})
 * @param maxConcurrentRequests webhook requests in progress at once over all credentials; more are answered 503
 *                           with {@code Retry-After}; keep it well below the server's request threads
 *                           ({@code server.tomcat.threads.max}, 200) so the console, API and health checks keep theirs
 * @param maxConcurrentRequestsPerCredential webhook requests one token or client certificate may have in progress
 *                           at once; more are answered 429 with {@code Retry-After} before their body is read
 */
@ConfigurationProperties("vigil.ingest")
@Validated
public record IngestProperties(
        List<@Valid Token> tokens,
        String token,
        @DefaultValue("true") boolean generateLocalToken,
        Map<String, List<@Pattern(regexp = CLUSTER_NAME) String>> clientCertificates,
        @DefaultValue("16MB") DataSize maxBodySize,
        @DefaultValue("10s") Duration ackTimeout,
        @DefaultValue("10s") Duration retryAfter,
        @NestedConfigurationProperty @DefaultValue ProducerTuning producer,
        @Valid @DefaultValue Watch watch,
        @DefaultValue("30s") Duration bodyReadTimeout,
        @DefaultValue("8") @Min(1) Integer maxConcurrentRequestsPerCredential,
        @DefaultValue("64") @Min(1) Integer maxConcurrentRequests) {

    /** What a cluster name may look like: it ends up in Kafka keys, DLQ sources and metric tags. */
    public static final String CLUSTER_NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";

    public IngestProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        clientCertificates = clientCertificates == null ? Map.of() : Map.copyOf(clientCertificates);
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(16) : maxBodySize;
        ackTimeout = ackTimeout == null ? Duration.ofSeconds(10) : ackTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(10) : retryAfter;
        producer = producer == null ? ProducerTuning.defaults() : producer;
        watch = watch == null ? new Watch(null, null, true) : watch;
        bodyReadTimeout = bodyReadTimeout == null ? Duration.ofSeconds(30) : bodyReadTimeout;
        maxConcurrentRequestsPerCredential = maxConcurrentRequestsPerCredential == null
                ? 8 : maxConcurrentRequestsPerCredential;
        maxConcurrentRequests = maxConcurrentRequests == null ? 64 : maxConcurrentRequests;
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("vigil.ingest.max-body-size must be positive");
        }
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("vigil.ingest.body-read-timeout must be positive");
        }
    }

    /** Never prints a token. */
    @Override
    public String toString() {
        return "IngestProperties[tokens=" + tokens + ", token=" + (token == null || token.isBlank() ? "" : "****")
                + ", generateLocalToken=" + generateLocalToken + ", clientCertificates=" + clientCertificates
                + ", maxBodySize=" + maxBodySize + ", ackTimeout=" + ackTimeout + ", retryAfter=" + retryAfter
                + ", producer=" + producer + ", watch=" + watch + ", bodyReadTimeout=" + bodyReadTimeout
                + ", maxConcurrentRequestsPerCredential=" + maxConcurrentRequestsPerCredential
                + ", maxConcurrentRequests=" + maxConcurrentRequests + "]";
    }

    /**
     * One bearer token of the audit webhook.
     *
     * @param name     a name for logs and metrics (the token itself is never logged); defaults to the first cluster
     * @param token    the secret the API server sends as {@code Authorization: Bearer <token>}
     * @param cluster  the cluster this token posts as
     * @param clusters further clusters this token may post as through {@code /v1/audit/{cluster}}
     */
    public record Token(String name, @NotBlank String token, @Pattern(regexp = CLUSTER_NAME) String cluster,
                        List<@Pattern(regexp = CLUSTER_NAME) String> clusters) {

        public Token {
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
            if ((cluster == null || cluster.isBlank()) && clusters.isEmpty()) {
                throw new IllegalArgumentException("every vigil.ingest.tokens entry needs a cluster");
            }
        }

        /** The clusters this token may post as; the first is the one {@code POST /v1/audit} records. */
        public List<String> allowedClusters() {
            List<String> all = new ArrayList<>();
            if (cluster != null && !cluster.isBlank()) {
                all.add(cluster);
            }
            clusters.stream().filter(c -> !all.contains(c)).forEach(all::add);
            return all;
        }

        public String displayName() {
            return name != null && !name.isBlank() ? name : "token:" + allowedClusters().get(0);
        }

        @Override
        public String toString() {
            return "Token[name=" + displayName() + ", token=****, clusters=" + allowedClusters() + "]";
        }
    }

    /**
     * The Kubernetes watcher.
     *
     * @param clusters        the clusters to watch (pods, network policies, namespaces, service accounts, nodes,
     *                        and CNI resources when their CRDs exist)
     * @param deliveryTimeout how long the watcher's producer keeps retrying a record before giving up (a watch
     *                        event cannot be requested again, so this is longer than the webhook's)
     * @param cniResources    whether to watch Calico, Cilium and Antrea network resources when their CRDs exist
     *                        (CRDs are looked up when the watch starts)
     */
    public record Watch(List<@Valid WatchedCluster> clusters, @DefaultValue("2m") Duration deliveryTimeout,
                        @DefaultValue("true") boolean cniResources) {

        public Watch {
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
            deliveryTimeout = deliveryTimeout == null ? Duration.ofMinutes(2) : deliveryTimeout;
        }

        public List<WatchedCluster> enabledClusters() {
            return clusters.stream().filter(WatchedCluster::enabled).toList();
        }
    }

    /**
     * One watched cluster.
     *
     * @param name       the cluster name recorded in every watch record (and in its Kafka key)
     * @param kubeconfig the kubeconfig file to connect with; empty with {@code in-cluster} or for the default
     *                   ({@code KUBECONFIG}, {@code ~/.kube/config})
     * @param context    the kubeconfig context to use; empty for the file's current context
     * @param inCluster  whether to use the service account of the pod Vigil runs in
     * @param enabled    whether this cluster is watched
     */
    public record WatchedCluster(@NotEmpty @Pattern(regexp = CLUSTER_NAME) String name, Path kubeconfig,
                                 String context, boolean inCluster, @DefaultValue("true") boolean enabled) {
    }
}
