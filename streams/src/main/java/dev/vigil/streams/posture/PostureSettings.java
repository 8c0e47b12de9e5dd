package dev.vigil.streams.posture;

import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.WatchRulePolicy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The effective settings of the three posture rules, from their rule files ({@code params}, exception namespaces),
 * the {@code system_namespaces} list and {@code vigil.rules.*}, and how often (wall clock) the state is judged.
 *
 * @param namespaceGrace      how long a namespace may exist without a default-deny policy
 * @param podGrace            how long a running pod may be selected by no policy
 * @param controlPlaneGrace   how long a workload may run on a control-plane node (default 0s)
 * @param systemNamespaces    never judged by the network rules: kube-system, kube-public, kube-node-lease, the
 *                            {@code system_namespaces} list and the rules' exception namespaces
 * @param controlPlaneExempt  namespaces whose pods may run on control-plane nodes (kube-system and the rule's
 *                            exception namespaces)
 * @param ignoreDaemonSets    DaemonSet pods on control-plane nodes are not reported (node agents belong there)
 */
record PostureSettings(Duration punctuationInterval, Duration namespaceGrace, Duration podGrace,
                       Duration controlPlaneGrace, Set<String> systemNamespaces, Set<String> controlPlaneExempt,
                       boolean ignoreDaemonSets) {

    static final String NAMESPACE_RULE = "namespace-without-default-deny";
    static final String POD_RULE = "pod-not-covered-by-network-policy";
    static final String CONTROL_PLANE_RULE = "workload-on-control-plane-node";
    static final List<String> RULES = List.of(NAMESPACE_RULE, POD_RULE, CONTROL_PLANE_RULE);
    static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);
    static final Set<String> BUILT_IN_SYSTEM = Set.of("kube-system", "kube-public", "kube-node-lease");

    PostureSettings {
        Objects.requireNonNull(punctuationInterval, "punctuationInterval");
        if (punctuationInterval.isNegative() || punctuationInterval.isZero()) {
            throw new IllegalArgumentException("punctuationInterval must be positive: " + punctuationInterval);
        }
        systemNamespaces = Set.copyOf(systemNamespaces);
        controlPlaneExempt = Set.copyOf(controlPlaneExempt);
    }

    static PostureSettings of(DetectionEngine engine, Duration punctuationInterval) {
        WatchRulePolicy namespaces = policy(engine, NAMESPACE_RULE);
        WatchRulePolicy pods = policy(engine, POD_RULE);
        WatchRulePolicy controlPlane = policy(engine, CONTROL_PLANE_RULE);
        Set<String> system = new HashSet<>(BUILT_IN_SYSTEM);
        system.addAll(engine.lists().getOrDefault("system_namespaces", List.of()));
        system.addAll(namespaces.exemptNamespaces());
        system.addAll(pods.exemptNamespaces());
        Set<String> controlPlaneExempt = new HashSet<>(controlPlane.exemptNamespaces());
        controlPlaneExempt.add("kube-system");
        return new PostureSettings(punctuationInterval, namespaces.duration("grace", DEFAULT_GRACE),
                pods.duration("grace", DEFAULT_GRACE), controlPlane.duration("grace", Duration.ZERO), system,
                controlPlaneExempt, controlPlane.flag("ignore_daemonsets", true));
    }

    private static WatchRulePolicy policy(DetectionEngine engine, String id) {
        return engine.watchRule(id).orElseGet(() -> new WatchRulePolicy(id, Map.of(), Set.of()));
    }
}
