package dev.vigil.bench.workload;

import java.util.List;

/**
 * Who sends a request, as the API server records it: user name, groups, user agent and source IP.
 *
 * @param username  {@code user.username}
 * @param groups    {@code user.groups}
 * @param userAgent {@code userAgent}
 * @param sourceIp  {@code sourceIPs[0]}
 */
record Caller(String username, List<String> groups, String userAgent, String sourceIp) {

    static final String KUBE_VERSION = "v1.31.2";
    static final String KUBE_COMMIT = "5864a46";

    /** One of kube-controller-manager's controllers, running with its own service account (kubeadm's default). */
    static Caller controller(String controller, String controlPlaneIp) {
        String account = "system:serviceaccount:kube-system:" + controller;
        return new Caller(account, List.of("system:serviceaccounts", "system:serviceaccounts:kube-system",
                "system:authenticated"), component("kube-controller-manager") + "/" + account, controlPlaneIp);
    }

    /** A workload's service account: an add-on's pod with its own client library's user agent. */
    static Caller serviceAccount(String namespace, String name, String userAgent, String podIp) {
        return new Caller("system:serviceaccount:" + namespace + ":" + name, List.of("system:serviceaccounts",
                "system:serviceaccounts:" + namespace, "system:authenticated"), userAgent, podIp);
    }

    static Caller kubelet(String node, String nodeIp) {
        return new Caller("system:node:" + node, List.of("system:nodes", "system:authenticated"),
                component("kubelet"), nodeIp);
    }

    static Caller person(String username, String group, String userAgent, String ip) {
        return new Caller(username, List.of(group, "system:authenticated"), userAgent, ip);
    }

    /** The user agent of a Kubernetes component built from the release tag, as client-go sets it. */
    static String component(String binary) {
        return binary + "/" + KUBE_VERSION + " (linux/amd64) kubernetes/" + KUBE_COMMIT;
    }
}
