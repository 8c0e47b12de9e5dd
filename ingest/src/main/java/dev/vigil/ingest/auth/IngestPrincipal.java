package dev.vigil.ingest.auth;

import java.util.List;

/**
 * Who posts audit events, once authenticated: a name safe to log (never the credential) and the clusters it may
 * post as. The first cluster is the one {@code POST /v1/audit} (without a cluster in the path) records.
 */
public record IngestPrincipal(String name, List<String> clusters) {

    public IngestPrincipal {
        clusters = List.copyOf(clusters);
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("a principal must be allowed at least one cluster");
        }
    }

    public String defaultCluster() {
        return clusters.get(0);
    }

    public boolean mayPostAs(String cluster) {
        return clusters.contains(cluster);
    }
}
