package dev.vigil.ingest.watch;

import dev.vigil.deploy.ChartObjects;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher's ClusterRole grants exactly what {@link ClusterWatch} uses: list and watch of every
 * {@link WatchedResource} (the core kinds, and the CNI plugins' kinds when their CRDs exist), get of those CRDs by
 * name — and nothing else, no write verb, no wildcard. In this package because the watched kinds are the watcher's
 * own package-private list.
 */
class WatcherRbacTest {

    private static final Set<String> CNI_GROUPS = Set.of("crd.projectcalico.org", "cilium.io", "crd.antrea.io");

    @Test
    void clusterRoleGrantsListAndWatchOfExactlyTheWatchedKinds() {
        ClusterRole role = ChartObjects.defaults(ClusterRole.class, "vigil-watcher");

        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()) {
                assertThat(rule.getVerbs()).as(rule.toString()).containsExactlyInAnyOrder("list", "watch");
                rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource -> granted.add(resource
                        + (group.isEmpty() ? "" : "." + group))));
            }
        }
        Set<String> watched = new TreeSet<>();
        WatchedResource.CORE.forEach(resource -> watched.add(resource.plural()
                + (resource.group().isEmpty() ? "" : "." + resource.group())));
        // A CNI CRD's name is <plural>.<group>: the resource it defines.
        watched.addAll(WatchedResource.CNI_CRDS);

        assertThat(granted).isEqualTo(watched);
    }

    @Test
    void clusterRoleGetsOnlyTheCniCrdsByName() {
        ClusterRole role = ChartObjects.defaults(ClusterRole.class, "vigil-watcher");

        List<PolicyRule> named = role.getRules().stream()
                .filter(rule -> rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()).toList();

        assertThat(named).hasSize(1);
        assertThat(named.get(0).getApiGroups()).containsExactly("apiextensions.k8s.io");
        assertThat(named.get(0).getResources()).containsExactly("customresourcedefinitions");
        assertThat(named.get(0).getVerbs()).containsExactly("get");
        assertThat(named.get(0).getResourceNames()).containsExactlyInAnyOrderElementsOf(WatchedResource.CNI_CRDS);
        assertThat(role.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "create", "update",
                "patch", "delete", "deletecollection");
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResources).doesNotContain("*", "secrets");
    }

    @Test
    void withoutCniResourcesTheRoleCoversTheCoreKindsOnly() {
        ClusterRole role = ChartObjects.with("no-cni.yaml", ClusterRole.class, "vigil-watcher");

        assertThat(role.getRules()).flatExtracting(PolicyRule::getApiGroups).doesNotContainAnyElementsOf(CNI_GROUPS)
                .doesNotContain("apiextensions.k8s.io");
    }
}
