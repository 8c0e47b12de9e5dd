package dev.vigil.streams.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The effective parameters of the {@code long-lived-pod} rule, from its rule file and {@code vigil.rules.*}, for
 * the pod tracker in the topology.
 *
 * @param limit            a running pod older than this is reported, once per pod per crossing
 * @param exemptNamespaces pods in these namespaces are never reported
 * @param exemptLabels     pods carrying one of these labels are never reported ({@code *}: any value)
 */
public record LongLivedPodPolicy(Duration limit, Set<String> exemptNamespaces, Map<String, String> exemptLabels) {

    public static final String RULE_ID = "long-lived-pod";
    public static final Duration DEFAULT_LIMIT = Duration.ofHours(24);

    public LongLivedPodPolicy {
        exemptNamespaces = Set.copyOf(exemptNamespaces);
        exemptLabels = Map.copyOf(exemptLabels);
    }

    public boolean exempt(String namespace, Map<String, String> labels) {
        if (namespace != null && exemptNamespaces.contains(namespace)) {
            return true;
        }
        if (labels == null) {
            return false;
        }
        for (Map.Entry<String, String> exempt : exemptLabels.entrySet()) {
            String value = labels.get(exempt.getKey());
            if (value != null && (exempt.getValue().equals("*") || exempt.getValue().equals(value))) {
                return true;
            }
        }
        return false;
    }
}
