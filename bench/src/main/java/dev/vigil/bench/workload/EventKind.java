package dev.vigil.bench.workload;

/**
 * The kinds of audit events in the generated workload, with their share per 10 000 events. The mix follows what a
 * busy cluster's API server logs under a policy like {@code docs/kube-apiserver.md}: mostly reads and status
 * updates by controllers and kubelets at Metadata/Request level, a few writes of pods and workloads with full
 * objects (RequestResponse), rare RBAC and network-policy changes, and a small share of events rules fire on.
 */
public enum EventKind {

    /** get/list/watch by controllers, the scheduler, CoreDNS and operators (Metadata, ~0.6–1 KB). */
    CONTROLLER_READ(4_400, false),
    /** get/list/watch of pods, configmaps, secrets and nodes by kubelets (Metadata). */
    KUBELET_READ(2_000, false),
    /** lease renewals by kubelets and leader-elected controllers (Request, ~1 KB). */
    LEASE_UPDATE(1_200, false),
    /** pods/status patches by kubelets (Request, ~2–4 KB). */
    POD_STATUS_PATCH(800, false),
    /** core/v1 events created by controllers (Request, ~1.5 KB). */
    EVENT_CREATE(600, false),
    /** anonymous health and discovery probes by load balancers (non-resource, never an alert). */
    HEALTH_PROBE(300, false),
    /** pods created by the replicaset controller (RequestResponse with the full pod, ~5–20 KB). */
    POD_CREATE(250, false),
    /** pods deleted by controllers or people (RequestResponse, ~5–15 KB). */
    POD_DELETE(150, false),
    /** deployments patched by people and CI (RequestResponse, ~5–20 KB). */
    WORKLOAD_PATCH(200, false),
    /** configmap and secret writes by operators (Metadata for secrets). */
    CONFIG_WRITE(50, false),
    /** role and rolebinding changes by cluster admins (RequestResponse). */
    RBAC_CHANGE(20, false),
    /** network policy changes by a member of the network-admins list (no alert). */
    NETWORK_POLICY_BY_ADMIN(10, false),
    /** events the bundled rules fire on: anonymous writes, default-SA tokens, privileged pods, CNI changes … */
    RULE_HIT(20, true);

    private final int perTenThousand;
    private final boolean hit;

    EventKind(int perTenThousand, boolean hit) {
        this.perTenThousand = perTenThousand;
        this.hit = hit;
    }

    public int perTenThousand() {
        return perTenThousand;
    }

    /** Whether a bundled rule is meant to fire on this kind. */
    public boolean isRuleHit() {
        return hit;
    }
}
