package dev.vigil.bench.workload;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.vigil.bench.workload.BenignActivity.machine;
import static dev.vigil.bench.workload.BenignActivity.person;

/**
 * What people and their automation do in the benign day: admins and developers reading with kubectl and k9s,
 * CI deploying to the application namespaces with Helm, and the GitOps controllers (Argo CD for the applications,
 * Flux for the platform) applying Deployments, ConfigMaps, NetworkPolicies and the teams' RBAC.
 */
final class PeopleCalls {

    static final String KUBECTL = "kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5";
    static final String ARGOCD = "argocd-application-controller/v2.13.1+af54ef8 (linux/amd64)";
    static final String FLUX = "kustomize-controller/v1.4.0 (linux/amd64)";
    static final String HELM = "Helm/3.16.2";
    static final Caller ARGOCD_CONTROLLER = Caller.serviceAccount("argocd", "argocd-application-controller", ARGOCD,
            BusyCluster.addOnIp("argocd-application-controller-0"));
    static final Caller FLUX_KUSTOMIZE = Caller.serviceAccount("flux-system", "kustomize-controller", FLUX,
            BusyCluster.addOnIp("kustomize-controller"));
    /** The CI runner's deploy account (GitLab runner pods in the cluster). */
    static final Caller CI = Caller.serviceAccount("gitlab-runner", "deployer", HELM, BusyCluster.addOnIp("gitlab-runner"));
    static final Caller CI_KUBECTL = Caller.serviceAccount("gitlab-runner", "deployer", KUBECTL,
            BusyCluster.addOnIp("gitlab-runner"));

    private final SplittableRandom random;

    PeopleCalls(SplittableRandom random) {
        this.random = random;
    }

    List<BenignActivity> activities() {
        List<BenignActivity> list = new ArrayList<>();
        list.add(person("admins and developers: kubectl get / describe / logs / top", 150, this::kubectlRead));
        list.add(person("admins: kubectl get -A, nodes, discovery", 40, this::adminClusterRead));
        list.add(person("admins: rollout restart / scale", 4, this::adminRollout));
        list.add(person("CI: helm upgrade into an app namespace", 30, this::ciDeploy));
        list.add(machine("argocd-application-controller: cluster cache watch", 60, this::argoWatch));
        list.add(machine("argocd-application-controller: apply app resources", 30, this::argoApply));
        list.add(machine("argocd-application-controller: apply team RBAC", 3, this::argoRbac));
        list.add(machine("flux kustomize-controller: apply platform resources", 15, this::fluxApply));
        return list;
    }

    private Caller someone(boolean admin) {
        String user = ClusterShape.pick(random, admin ? BusyCluster.ADMINS : BusyCluster.DEVELOPERS);
        String agent = random.nextInt(5) == 0 ? "k9s/v0.32.5 (darwin/arm64) kubernetes/$Format" : KUBECTL;
        return Caller.person(user, admin ? "oidc:platform-team" : "oidc:team-shop", agent,
                "172.20." + (1 + random.nextInt(3)) + "." + (10 + random.nextInt(200)));
    }

    private ObjectNode kubectlRead(String auditID, Instant at) {
        Caller caller = someone(random.nextInt(3) == 0);
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        return switch (random.nextInt(7)) {
            case 0 -> AuditCall.of(auditID, "Metadata", "list").core("pods").in(namespace).query("limit=500")
                    .by(caller, at, 200, "", 12_000);
            case 1 -> AuditCall.of(auditID, "Metadata", "get").on("apps", "v1", "deployments").in(namespace).named(app)
                    .by(caller, at, 200, "", 4_000);
            case 2 -> AuditCall.of(auditID, "Metadata", "list").core("events").in(namespace)
                    .query("fieldSelector=involvedObject.name%3D" + app + "&limit=500").by(caller, at, 200, "", 6_000);
            case 3 -> AuditCall.of(auditID, "Metadata", "get").core("pods").in(namespace)
                    .named(BusyCluster.pod(random, app)).sub("log").query("container=" + app + "&follow=true&tailLines=100")
                    .by(caller, at, 200, "", 1_500_000);
            case 4 -> AuditCall.of(auditID, "Metadata", "list").on("metrics.k8s.io", "v1beta1", "pods").in(namespace)
                    .by(caller, at, 200, "", 30_000);
            case 5 -> AuditCall.of(auditID, "Metadata", "list").on("apps", "v1", "replicasets").in(namespace)
                    .query("labelSelector=app%3D" + app).by(caller, at, 200, "", 5_000);
            default -> AuditCall.of(auditID, "Metadata", "get").core("pods").in(namespace)
                    .named(BusyCluster.pod(random, app)).by(caller, at, 200, "", 3_000);
        };
    }

    private ObjectNode adminClusterRead(String auditID, Instant at) {
        Caller caller = someone(true);
        return switch (random.nextInt(4)) {
            case 0 -> AuditCall.of(auditID, "Metadata", "list").core("pods").query("limit=500")
                    .by(caller, at, 200, "", 60_000);
            case 1 -> AuditCall.of(auditID, "Metadata", "list").core("nodes").query("limit=500")
                    .by(caller, at, 200, "", 9_000);
            case 2 -> AuditCall.of(auditID, "Metadata", "list").on("apps", "v1", "deployments").query("limit=500")
                    .by(caller, at, 200, "", 20_000);
            default -> AuditCall.of(auditID, "Metadata", "get").path(random.nextBoolean() ? "/api" : "/apis")
                    .by(caller, at, 200, "", 2_000);
        };
    }

    private ObjectNode adminRollout(String auditID, Instant at) {
        Caller caller = someone(true);
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        ObjectNode deployment = BenignObjects.appDeployment(random, namespace, app, at);
        ObjectNode patch = KubeObjects.object();
        patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
                .put("kubectl.kubernetes.io/restartedAt", at.toString());
        return AuditCall.of(auditID, "RequestResponse", "patch").on("apps", "v1", "deployments").in(namespace).named(app)
                .query("fieldManager=kubectl-rollout").request(patch).response(deployment)
                .by(caller, at, 200, "RBAC: allowed by ClusterRoleBinding \"platform-admins\" of ClusterRole "
                        + "\"cluster-admin\" to Group \"oidc:platform-team\"", 12_000);
    }

    /** One step of {@code helm upgrade --install} (and the pipeline's {@code kubectl rollout status}). */
    private ObjectNode ciDeploy(String auditID, Instant at) {
        String namespace = ClusterShape.pick(random, List.of("shop", "payments", "search", "web", "api"));
        String app = BusyCluster.app(random);
        int revision = 2 + random.nextInt(300);
        return switch (random.nextInt(6)) {
            case 0 -> AuditCall.of(auditID, "Metadata", "list").core("secrets").in(namespace)
                    .query("labelSelector=name%3D" + app + "%2Cowner%3Dhelm").by(CI, at, 200, "", 8_000);
            case 1 -> AuditCall.of(auditID, "Metadata", "create").core("secrets").in(namespace)
                    .named("sh.helm.release.v1." + app + ".v" + revision).by(CI, at, 201, "", 9_000);
            case 2 -> AuditCall.of(auditID, "Metadata", "patch").core("configmaps").in(namespace).named(app + "-config")
                    .by(CI, at, 200, "", 5_000);
            case 3 -> {
                ObjectNode deployment = BenignObjects.appDeployment(random, namespace, app, at);
                ObjectNode patch = KubeObjects.object();
                patch.putObject("spec").set("template", deployment.path("spec").path("template").deepCopy());
                yield AuditCall.of(auditID, "RequestResponse", "patch").on("apps", "v1", "deployments").in(namespace)
                        .named(app).request(patch).response(deployment).by(CI, at, 200, "", 15_000);
            }
            case 4 -> AuditCall.of(auditID, "Metadata", "get").on("apps", "v1", "deployments").in(namespace).named(app)
                    .by(CI_KUBECTL, at, 200, "", 3_000);
            default -> AuditCall.of(auditID, "Metadata", "watch").on("apps", "v1", "replicasets").in(namespace)
                    .query("labelSelector=app%3D" + app + "&" + BusyCluster.watchQuery(random))
                    .by(CI_KUBECTL, at, 200, "", 900);
        };
    }

    private ObjectNode argoWatch(String auditID, Instant at) {
        String resource = ClusterShape.pick(random, List.of("pods", "services", "configmaps", "secrets", "deployments",
                "replicasets", "statefulsets", "ingresses", "roles", "rolebindings", "networkpolicies",
                "serviceaccounts", "persistentvolumeclaims", "jobs", "cronjobs", "horizontalpodautoscalers"));
        return AuditCall.of(auditID, "Metadata", "watch").on(ControlPlaneCalls.group(resource),
                        ControlPlaneCalls.version(resource), resource)
                .query(BusyCluster.watchQuery(random)).by(ARGOCD_CONTROLLER, at, 200, "", 800);
    }

    private static final String ARGO_APPLY = "dryRun=All&fieldManager=argocd-controller&force=true";
    private static final String APPLY = "fieldManager=argocd-controller&force=true";

    private ObjectNode argoApply(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        String app = BusyCluster.app(random);
        String query = random.nextInt(4) == 0 ? ARGO_APPLY : APPLY;
        return switch (random.nextInt(4)) {
            case 0, 1 -> {
                ObjectNode deployment = BenignObjects.appDeployment(random, namespace, app, at);
                yield AuditCall.of(auditID, "RequestResponse", "patch").on("apps", "v1", "deployments").in(namespace)
                        .named(app).query(query).request(deployment.deepCopy()).response(deployment)
                        .by(ARGOCD_CONTROLLER, at, 200, "", 14_000);
            }
            case 2 -> AuditCall.of(auditID, "Metadata", "patch").core("configmaps").in(namespace).named(app + "-config")
                    .query(query).by(ARGOCD_CONTROLLER, at, 200, "", 5_000);
            default -> {
                ObjectNode service = KubeObjects.object();
                service.put("kind", "Service").put("apiVersion", "v1");
                service.putObject("metadata").put("name", app).put("namespace", namespace);
                ObjectNode spec = service.putObject("spec");
                spec.put("type", "ClusterIP");
                spec.putObject("selector").put("app", app);
                spec.putArray("ports").addObject().put("name", "http").put("port", 80).put("targetPort", 8080);
                yield AuditCall.of(auditID, "RequestResponse", "patch").core("services").in(namespace).named(app)
                        .query(query).request(service).response(service.deepCopy())
                        .by(ARGOCD_CONTROLLER, at, 200, "", 6_000);
            }
        };
    }

    /** The teams' namespaced RBAC lives in Git: a Role for the app and RoleBindings of the built-in edit/view. */
    private ObjectNode argoRbac(String auditID, Instant at) {
        String namespace = BusyCluster.appNamespace(random);
        if (random.nextBoolean()) {
            String name = BusyCluster.app(random) + "-config-reader";
            ObjectNode role = BenignObjects.teamRole(namespace, name);
            return AuditCall.of(auditID, "RequestResponse", "patch").on("rbac.authorization.k8s.io", "v1", "roles")
                    .in(namespace).named(name).query(APPLY).request(role).response(role.deepCopy())
                    .by(ARGOCD_CONTROLLER, at, 200, "", 5_000);
        }
        boolean edit = random.nextBoolean();
        String name = "team-" + namespace + (edit ? "-edit" : "-view");
        ObjectNode binding = BenignObjects.groupBinding(namespace, name, "ClusterRole", edit ? "edit" : "view",
                "oidc:team-" + namespace);
        return AuditCall.of(auditID, "RequestResponse", "patch").on("rbac.authorization.k8s.io", "v1", "rolebindings")
                .in(namespace).named(name).query(APPLY).request(binding).response(binding.deepCopy())
                .by(ARGOCD_CONTROLLER, at, 200, "", 5_000);
    }

    private ObjectNode fluxApply(String auditID, Instant at) {
        String namespace = ClusterShape.pick(random, List.of("monitoring", "ingress-nginx", "cert-manager"));
        if (random.nextBoolean()) {
            String name = "allow-" + ClusterShape.pick(random, List.of("ingress", "prometheus", "dns"));
            ObjectNode policy = KubeObjects.networkPolicy(namespace, name);
            return AuditCall.of(auditID, "RequestResponse", "patch").on("networking.k8s.io", "v1", "networkpolicies")
                    .in(namespace).named(name).query("fieldManager=kustomize-controller").request(policy)
                    .response(policy.deepCopy()).by(FLUX_KUSTOMIZE, at, 200, "", 5_000);
        }
        return AuditCall.of(auditID, "Metadata", "patch").core("configmaps").in(namespace)
                .named(ClusterShape.pick(random, List.of("grafana-dashboards", "prometheus-rules", "ingress-nginx-controller")))
                .query("fieldManager=kustomize-controller").by(FLUX_KUSTOMIZE, at, 200, "", 5_000);
    }
}
