package dev.vigil.ingest.watch;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;
import java.util.Optional;

/** One kind of Kubernetes object the watcher follows, with what a generic informer needs to list and watch it. */
record WatchedResource(String group, String version, String plural, String kind, boolean namespaced) {

    /** The built-in kinds every cluster has and every watcher follows. */
    static final List<WatchedResource> CORE = List.of(
            new WatchedResource("", "v1", "pods", "Pod", true),
            new WatchedResource("", "v1", "namespaces", "Namespace", false),
            new WatchedResource("", "v1", "serviceaccounts", "ServiceAccount", true),
            // Nodes: their role labels, for the posture rule on workloads placed on control-plane nodes.
            new WatchedResource("", "v1", "nodes", "Node", false),
            new WatchedResource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true));

    /** CRDs of the CNI plugins whose network resources are followed when they are installed. */
    static final List<String> CNI_CRDS = List.of(
            // Calico
            "networkpolicies.crd.projectcalico.org",
            "globalnetworkpolicies.crd.projectcalico.org",
            "networksets.crd.projectcalico.org",
            "globalnetworksets.crd.projectcalico.org",
            "tiers.crd.projectcalico.org",
            // Cilium
            "ciliumnetworkpolicies.cilium.io",
            "ciliumclusterwidenetworkpolicies.cilium.io",
            "ciliumcidrgroups.cilium.io",
            // Antrea
            "networkpolicies.crd.antrea.io",
            "clusternetworkpolicies.crd.antrea.io",
            "tiers.crd.antrea.io",
            "clustergroups.crd.antrea.io");

    /** The resource a CRD defines, at its storage version (or the first served one). */
    static Optional<WatchedResource> of(CustomResourceDefinition crd) {
        var spec = crd.getSpec();
        if (spec == null || spec.getVersions() == null || spec.getNames() == null) {
            return Optional.empty();
        }
        Optional<String> version = spec.getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getServed()) && Boolean.TRUE.equals(v.getStorage()))
                .map(CustomResourceDefinitionVersion::getName)
                .findFirst()
                .or(() -> spec.getVersions().stream()
                        .filter(v -> Boolean.TRUE.equals(v.getServed()))
                        .map(CustomResourceDefinitionVersion::getName)
                        .findFirst());
        return version.map(v -> new WatchedResource(spec.getGroup(), v, spec.getNames().getPlural(),
                spec.getNames().getKind(), "Namespaced".equals(spec.getScope())));
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withNamespaced(namespaced)
                .build();
    }

    @Override
    public String toString() {
        return plural + (group.isEmpty() ? "" : "." + group) + "/" + version;
    }
}
