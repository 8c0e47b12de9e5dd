package dev.vigil.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.ingest.config.IngestProperties.CLUSTER_NAME;

/**
 * Managed clusters' own deliveries of their audit logs ({@code vigil.sources.*}), part of the {@code ingest} role:
 * GKE's Cloud Logging sink through a Pub/Sub push subscription, AKS's diagnostic settings through Event Hubs.
 *
 * @param gke the Pub/Sub push endpoint {@code POST /v1/audit/pubsub} (GKE Cloud Audit Logs)
 * @param aks Event Hubs read through their Kafka endpoint, one entry per event hub (AKS {@code kube-audit} and
 *            {@code kube-audit-admin} diagnostic logs)
 */
@ConfigurationProperties("vigil.sources")
@Validated
public record SourcesProperties(@Valid @DefaultValue Gke gke, List<@Valid Aks> aks) {

    public SourcesProperties {
        gke = gke == null ? Gke.defaults() : gke;
        aks = aks == null ? List.of() : List.copyOf(aks);
        List<String> names = new ArrayList<>();
        for (Aks source : aks) {
            if (names.contains(source.name())) {
                throw new IllegalArgumentException("two vigil.sources.aks entries are named '" + source.name() + "'");
            }
            names.add(source.name());
        }
    }

    /**
     * The Pub/Sub push endpoint. A push subscription authenticates with a Google-signed OIDC token of its service
     * account ({@code subscribers}); a setup without OIDC sends an ingest token ({@code vigil.ingest.tokens}) as the
     * {@code token} query parameter instead.
     *
     * @param enabled             whether {@code POST /v1/audit/pubsub} is served
     * @param audience            the audience the push subscription puts in its OIDC token
     *                            ({@code --push-auth-token-audience}, by default the push endpoint's URL); required
     *                            for OIDC, without it only the {@code token} query parameter is accepted
     * @param issuer              the issuer a token must name ({@code iss})
     * @param jwkSetUri           where the keys that sign the tokens are published (Google's by default); fetched
     *                            when first needed, cached, and fetched again for a key id it does not know
     * @param jwkSetCacheTtl      how long the fetched key set is used before it is fetched again
     * @param clockSkew           how far a token's {@code exp}, {@code iat} and {@code nbf} may be off the local clock
     * @param subscribers         the service accounts of push subscriptions allowed to deliver, each with its clusters
     * @param tokenParameter      whether an ingest token in the {@code token} query parameter is accepted (for push
     *                            subscriptions without OIDC); it is never logged, access logs show it as
     *                            {@code [REDACTED]}
     * @param cluster             the cluster to record every entry as, instead of the entry's
     *                            {@code resource.labels.cluster_name}; the credential must still allow it
     */
    public record Gke(@DefaultValue("true") boolean enabled, String audience,
                      @DefaultValue("https://accounts.google.com") @NotBlank String issuer,
                      @DefaultValue("https://www.googleapis.com/oauth2/v3/certs") @NotNull URI jwkSetUri,
                      @DefaultValue("1h") Duration jwkSetCacheTtl, @DefaultValue("60s") Duration clockSkew,
                      List<@Valid Subscriber> subscribers, @DefaultValue("true") boolean tokenParameter,
                      @Pattern(regexp = CLUSTER_NAME) String cluster) {

        public Gke {
            issuer = issuer == null ? "https://accounts.google.com" : issuer;
            jwkSetUri = jwkSetUri == null ? URI.create("https://www.googleapis.com/oauth2/v3/certs") : jwkSetUri;
            jwkSetCacheTtl = jwkSetCacheTtl == null ? Duration.ofHours(1) : jwkSetCacheTtl;
            clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
            subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
            if (clockSkew.isNegative() || jwkSetCacheTtl.isNegative() || jwkSetCacheTtl.isZero()) {
                throw new IllegalArgumentException("vigil.sources.gke.clock-skew must not be negative and "
                        + "jwk-set-cache-ttl must be positive");
            }
            if (!subscribers.isEmpty() && (audience == null || audience.isBlank())) {
                throw new IllegalArgumentException("vigil.sources.gke.subscribers needs vigil.sources.gke.audience: "
                        + "the audience of the push subscription's OIDC token");
            }
        }

        static Gke defaults() {
            return new Gke(true, null, null, null, null, null, null, true, null);
        }

        /** Whether OIDC tokens can be accepted at all. */
        public boolean oidc() {
            return audience != null && !audience.isBlank() && !subscribers.isEmpty();
        }
    }

    /**
     * One push subscription's service account.
     *
     * @param email    the service account's email, as the token's verified {@code email} claim names it
     * @param clusters the GKE clusters whose entries it may deliver
     */
    public record Subscriber(@NotBlank String email, List<@Pattern(regexp = CLUSTER_NAME) String> clusters) {

        public Subscriber {
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
            if (clusters.isEmpty()) {
                throw new IllegalArgumentException("vigil.sources.gke.subscribers entry " + email
                        + " needs at least one cluster");
            }
        }
    }

    /** How the Event Hubs Kafka endpoint is reached; Azure requires {@code SASL_SSL}. */
    public enum Security {
        SASL_SSL, SASL_PLAINTEXT
    }

    /**
     * One event hub of an AKS diagnostic setting, read through the Event Hubs Kafka endpoint.
     *
     * @param name             a name for logs, metrics and dead letters (never the connection string)
     * @param enabled          whether this event hub is read
     * @param bootstrapServers the namespace's Kafka endpoint, {@code <namespace>.servicebus.windows.net:9093}
     * @param topic            the event hub's name
     * @param connectionString the namespace's or event hub's connection string (a policy with Listen rights); sent
     *                         as the SASL PLAIN password with user name {@code $ConnectionString}, never logged
     * @param consumerGroup    the event hub's consumer group Vigil reads as (one of its own, not shared with other
     *                         readers)
     * @param cluster          the cluster to record every event as, instead of the name at the end of the record's
     *                         {@code resourceId}
     * @param clusters         the clusters this event hub may deliver (the {@code cluster} is always allowed); a
     *                         record of another cluster goes to the dead-letter topic
     * @param security         the Kafka security protocol; always {@code SASL_SSL} against Azure
     * @param properties       further Kafka consumer properties (e.g. {@code auto.offset.reset}); they win over
     *                         Vigil's
     */
    public record Aks(@NotBlank @Pattern(regexp = CLUSTER_NAME) String name, @DefaultValue("true") boolean enabled,
                      @NotBlank String bootstrapServers, @NotBlank String topic, @NotBlank String connectionString,
                      @DefaultValue("$Default") @NotBlank String consumerGroup,
                      @Pattern(regexp = CLUSTER_NAME) String cluster,
                      List<@Pattern(regexp = CLUSTER_NAME) String> clusters,
                      @DefaultValue("SASL_SSL") Security security, Map<String, String> properties) {

        public Aks {
            consumerGroup = consumerGroup == null ? "$Default" : consumerGroup;
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
            security = security == null ? Security.SASL_SSL : security;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            if ((cluster == null || cluster.isBlank()) && clusters.isEmpty()) {
                throw new IllegalArgumentException("vigil.sources.aks entry " + name
                        + " needs a cluster or clusters: the clusters it may deliver");
            }
        }

        /** The clusters this event hub may deliver. */
        public List<String> allowedClusters() {
            List<String> all = new ArrayList<>();
            if (cluster != null && !cluster.isBlank()) {
                all.add(cluster);
            }
            clusters.stream().filter(c -> !all.contains(c)).forEach(all::add);
            return all;
        }

        /** Never prints the connection string. */
        @Override
        public String toString() {
            return "Aks[name=" + name + ", enabled=" + enabled + ", bootstrapServers=" + bootstrapServers + ", topic="
                    + topic + ", connectionString=****, consumerGroup=" + consumerGroup + ", cluster=" + cluster
                    + ", clusters=" + clusters + ", security=" + security + ", properties=" + properties.keySet() + "]";
        }
    }
}
