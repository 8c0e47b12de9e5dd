package dev.vigil.streams.rules.pss;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Baseline check {@code hostProbesAndHostLifecycle} (upstream since policy v1.34): probes and lifecycle handlers
 * must not name a {@code host}. The kubelet makes these requests from the node's network, so a host turns a probe
 * into a request the node sends anywhere (SSRF). Upstream allows only an empty or unset host, not even
 * {@code localhost} or {@code 127.0.0.1}: the default already is the pod's own IP.
 */
final class HostProbes {

    private static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    private static final List<String> HANDLERS = List.of("postStart", "preStop");
    /** tcpSocket is not a valid lifecycle handler any more, but upstream still checks it for old objects. */
    private static final List<String> ACTIONS = List.of("httpGet", "tcpSocket");

    private HostProbes() {
    }

    static Optional<String> violation(PodTemplate pod) {
        Set<String> containers = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (Map<?, ?> container : pod.allContainers()) {
            Set<String> found = new TreeSet<>();
            for (String probe : PROBES) {
                hostsOf(Fields.map(container, probe), found);
            }
            Map<?, ?> lifecycle = Fields.map(container, "lifecycle");
            for (String handler : HANDLERS) {
                hostsOf(Fields.map(lifecycle, handler), found);
            }
            if (!found.isEmpty()) {
                containers.add(PodTemplate.containerName(container));
                hosts.addAll(found);
            }
        }
        return Check.containers(containers, (containers.size() == 1 ? "uses" : "use")
                + (hosts.size() == 1 ? " probe or lifecycle host " : " probe or lifecycle hosts ") + Check.quoted(hosts));
    }

    private static void hostsOf(Map<?, ?> handler, Set<String> found) {
        for (String action : ACTIONS) {
            String host = Fields.string(Fields.map(handler, action), "host");
            if (host != null && !host.isEmpty()) {
                found.add(host);
            }
        }
    }
}
