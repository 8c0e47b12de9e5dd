package dev.vigil.bench.workload;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Kubernetes objects as the API server records them in request and response bodies: pods (restricted-compliant
 * unless asked otherwise), deployments, leases, events, network policies and role bindings, with labels,
 * annotations, environment variables and {@code managedFields} in realistic amounts — the part that makes real
 * RequestResponse events 5–20 KB.
 */
final class KubeObjects {

    private KubeObjects() {
    }

    /** How a generated pod deviates from a well-behaved workload pod. */
    enum PodFlavour { COMPLIANT, PRIVILEGED, NOT_RESTRICTED, DEFAULT_SERVICE_ACCOUNT }

    static ObjectNode pod(SplittableRandom random, String namespace, String app, String name, String node,
                          Instant created, PodFlavour flavour, boolean asAdmitted) {
        ObjectNode pod = object();
        pod.put("kind", "Pod");
        pod.put("apiVersion", "v1");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("name", name);
        metadata.put("generateName", name.substring(0, name.lastIndexOf('-') + 1));
        metadata.put("namespace", namespace);
        if (asAdmitted) {
            metadata.put("uid", ClusterShape.uuid(random));
            metadata.put("resourceVersion", Long.toString(1_000_000 + random.nextInt(90_000_000)));
            metadata.put("creationTimestamp", created.toString());
        }
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app", app);
        labels.put("app.kubernetes.io/name", app);
        labels.put("app.kubernetes.io/part-of", namespace);
        labels.put("pod-template-hash", name.substring(app.length() + 1, name.lastIndexOf('-')));
        for (int i = random.nextInt(4); i > 0; i--) {
            labels.put("team.example.com/label-" + i, ClusterShape.hash(random, 8));
        }
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", "9090");
        for (int i = random.nextInt(4); i > 0; i--) {
            annotations.put("deploy.example.com/revision-" + i, ClusterShape.hash(random, 24));
        }
        ObjectNode owner = metadata.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "apps/v1");
        owner.put("kind", "ReplicaSet");
        owner.put("name", name.substring(0, name.lastIndexOf('-')));
        owner.put("uid", ClusterShape.uuid(random));
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        int containers = 1 + random.nextInt(3);
        pod.set("spec", podSpec(random, app, containers, flavour, asAdmitted ? node : null));
        if (asAdmitted) {
            metadata.set("managedFields", managedFields(random, created, containers));
            ObjectNode status = pod.putObject("status");
            status.put("phase", "Pending");
            status.put("qosClass", "Burstable");
        }
        return pod;
    }

    static ObjectNode podSpec(SplittableRandom random, String app, int containers, PodFlavour flavour, String node) {
        ObjectNode spec = object();
        ArrayNode volumes = spec.putArray("volumes");
        volume(volumes, "config", "configMap", app + "-config");
        ObjectNode projected = volumes.addObject();
        projected.put("name", "kube-api-access-" + ClusterShape.hash(random, 5));
        projected.putObject("projected").put("defaultMode", 420).putArray("sources").addObject()
                .putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        if (flavour == PodFlavour.PRIVILEGED) {
            volumes.addObject().put("name", "host-root").putObject("hostPath").put("path", "/").put("type", "");
        }
        ArrayNode list = spec.putArray("containers");
        for (int c = 0; c < containers; c++) {
            list.add(container(random, c == 0 ? app : app + "-sidecar-" + c, flavour, c == 0));
        }
        spec.put("restartPolicy", "Always");
        spec.put("terminationGracePeriodSeconds", 30);
        spec.put("dnsPolicy", "ClusterFirst");
        if (flavour == PodFlavour.DEFAULT_SERVICE_ACCOUNT) {
            spec.put("serviceAccountName", "default");
        } else {
            spec.put("serviceAccountName", app);
            spec.put("automountServiceAccountToken", false);
        }
        if (node != null) {
            spec.put("nodeName", node);
        }
        ObjectNode podSecurity = spec.putObject("securityContext");
        if (flavour != PodFlavour.NOT_RESTRICTED) {
            podSecurity.put("runAsNonRoot", true);
            podSecurity.put("runAsUser", 10_001);
            podSecurity.put("fsGroup", 10_001);
            podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");
        }
        if (flavour == PodFlavour.PRIVILEGED) {
            spec.put("hostNetwork", true);
            spec.put("hostPID", true);
        }
        spec.put("schedulerName", "default-scheduler");
        ArrayNode tolerations = spec.putArray("tolerations");
        toleration(tolerations, "node.kubernetes.io/not-ready");
        toleration(tolerations, "node.kubernetes.io/unreachable");
        spec.put("priority", 0);
        spec.put("enableServiceLinks", true);
        spec.put("preemptionPolicy", "PreemptLowerPriority");
        return spec;
    }

    private static ObjectNode container(SplittableRandom random, String name, PodFlavour flavour, boolean main) {
        ObjectNode container = object();
        container.put("name", name);
        container.put("image", ClusterShape.pick(random, ClusterShape.IMAGES));
        if (main) {
            ArrayNode args = container.putArray("args");
            args.add("--port=8080").add("--metrics-port=9090").add("--log-format=json");
        }
        ArrayNode ports = container.putArray("ports");
        ports.addObject().put("name", "http").put("containerPort", 8080 + random.nextInt(10)).put("protocol", "TCP");
        ArrayNode env = container.putArray("env");
        for (int i = 2 + random.nextInt(main ? 22 : 6); i > 0; i--) {
            ObjectNode variable = env.addObject();
            variable.put("name", "APP_SETTING_" + i);
            variable.put("value", ClusterShape.hash(random, 6 + random.nextInt(30)));
        }
        env.addObject().put("name", "POD_NAMESPACE").putObject("valueFrom").putObject("fieldRef")
                .put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        ObjectNode resources = container.putObject("resources");
        resources.putObject("limits").put("cpu", "500m").put("memory", "512Mi");
        resources.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
        ArrayNode mounts = container.putArray("volumeMounts");
        mounts.addObject().put("name", "config").put("readOnly", true).put("mountPath", "/etc/" + name);
        ObjectNode probe = container.putObject("readinessProbe");
        probe.putObject("httpGet").put("path", "/ready").put("port", 8080).put("scheme", "HTTP");
        probe.put("periodSeconds", 10).put("timeoutSeconds", 1).put("successThreshold", 1).put("failureThreshold", 3);
        container.put("terminationMessagePath", "/dev/termination-log");
        container.put("terminationMessagePolicy", "File");
        container.put("imagePullPolicy", "IfNotPresent");
        ObjectNode security = container.putObject("securityContext");
        switch (flavour) {
            case PRIVILEGED -> {
                security.put("privileged", true);
                security.putObject("capabilities").putArray("add").add("SYS_ADMIN").add("NET_ADMIN");
            }
            case NOT_RESTRICTED -> security.put("readOnlyRootFilesystem", true);
            default -> {
                security.put("allowPrivilegeEscalation", false);
                security.put("readOnlyRootFilesystem", true);
                security.putObject("capabilities").putArray("drop").add("ALL");
            }
        }
        return container;
    }

    /** What server-side apply records per field manager: a mirror of the fields each manager set. */
    private static ArrayNode managedFields(SplittableRandom random, Instant time, int containers) {
        ArrayNode fields = VigilJson.mapper().createArrayNode();
        ObjectNode controller = fields.addObject();
        controller.put("manager", "kube-controller-manager");
        controller.put("operation", "Update");
        controller.put("apiVersion", "v1");
        controller.put("time", time.toString());
        controller.put("fieldsType", "FieldsV1");
        ObjectNode v1 = controller.putObject("fieldsV1");
        ObjectNode meta = v1.putObject("f:metadata");
        meta.putObject("f:generateName");
        meta.putObject("f:labels").putObject(".");
        meta.putObject("f:ownerReferences").putObject("k:{\"uid\":\"" + ClusterShape.uuid(random) + "\"}");
        ObjectNode spec = v1.putObject("f:spec");
        ObjectNode list = spec.putObject("f:containers");
        for (int c = 0; c < containers; c++) {
            ObjectNode container = list.putObject("k:{\"name\":\"c" + c + "\"}");
            for (String field : new String[] {".", "f:args", "f:env", "f:image", "f:imagePullPolicy", "f:name",
                    "f:ports", "f:readinessProbe", "f:resources", "f:securityContext", "f:terminationMessagePath",
                    "f:terminationMessagePolicy", "f:volumeMounts"}) {
                container.putObject(field).putObject(".");
            }
        }
        for (String field : new String[] {"f:dnsPolicy", "f:enableServiceLinks", "f:restartPolicy",
                "f:schedulerName", "f:securityContext", "f:serviceAccountName", "f:terminationGracePeriodSeconds",
                "f:volumes"}) {
            spec.putObject(field);
        }
        return fields;
    }

    static ObjectNode deployment(SplittableRandom random, String namespace, String app, Instant created,
                                 PodFlavour flavour) {
        ObjectNode deployment = object();
        deployment.put("kind", "Deployment");
        deployment.put("apiVersion", "apps/v1");
        ObjectNode metadata = deployment.putObject("metadata");
        metadata.put("name", app);
        metadata.put("namespace", namespace);
        metadata.put("uid", ClusterShape.uuid(random));
        metadata.put("resourceVersion", Long.toString(1_000_000 + random.nextInt(90_000_000)));
        metadata.put("generation", 1 + random.nextInt(400));
        metadata.put("creationTimestamp", created.minusSeconds(86_400L * (1 + random.nextInt(300))).toString());
        metadata.putObject("labels").put("app", app).put("app.kubernetes.io/managed-by", "Helm");
        metadata.putObject("annotations").put("deployment.kubernetes.io/revision", Integer.toString(random.nextInt(90)))
                .put("meta.helm.sh/release-name", app).put("meta.helm.sh/release-namespace", namespace);
        metadata.set("managedFields", managedFields(random, created, 1));
        ObjectNode spec = deployment.putObject("spec");
        spec.put("replicas", 2 + random.nextInt(8));
        spec.putObject("selector").putObject("matchLabels").put("app", app);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", app);
        template.set("spec", podSpec(random, app, 1 + random.nextInt(2), flavour, null));
        ObjectNode strategy = spec.putObject("strategy");
        strategy.put("type", "RollingUpdate");
        strategy.putObject("rollingUpdate").put("maxUnavailable", "25%").put("maxSurge", "25%");
        spec.put("revisionHistoryLimit", 10);
        spec.put("progressDeadlineSeconds", 600);
        ObjectNode status = deployment.putObject("status");
        status.put("observedGeneration", 1).put("replicas", 3).put("updatedReplicas", 3).put("readyReplicas", 3);
        return deployment;
    }

    static ObjectNode lease(String namespace, String holder, Instant renew) {
        ObjectNode lease = object();
        lease.put("kind", "Lease");
        lease.put("apiVersion", "coordination.k8s.io/v1");
        ObjectNode metadata = lease.putObject("metadata");
        metadata.put("name", holder);
        metadata.put("namespace", namespace);
        metadata.put("resourceVersion", Long.toString(renew.getEpochSecond()));
        ObjectNode spec = lease.putObject("spec");
        spec.put("holderIdentity", holder);
        spec.put("leaseDurationSeconds", 40);
        spec.put("renewTime", renew.toString());
        return lease;
    }

    static ObjectNode podStatus(SplittableRandom random, Instant time, int containers) {
        ObjectNode patch = object();
        ObjectNode status = patch.putObject("status");
        ArrayNode conditions = status.putArray("conditions");
        for (String type : new String[] {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                "PodScheduled"}) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", time.toString());
        }
        ArrayNode statuses = status.putArray("containerStatuses");
        for (int c = 0; c < containers; c++) {
            ObjectNode container = statuses.addObject();
            container.put("name", "c" + c);
            container.put("ready", true);
            container.put("restartCount", random.nextInt(3));
            container.put("image", ClusterShape.pick(random, ClusterShape.IMAGES));
            container.put("imageID", "sha256:" + ClusterShape.hash(random, 64));
            container.put("containerID", "containerd://" + ClusterShape.hash(random, 64));
            container.putObject("state").putObject("running").put("startedAt", time.toString());
        }
        status.put("phase", "Running");
        status.put("podIP", "10.244." + random.nextInt(250) + "." + random.nextInt(250));
        return patch;
    }

    static ObjectNode event(SplittableRandom random, String namespace, String pod, String reason, Instant time) {
        ObjectNode event = object();
        event.put("kind", "Event");
        event.put("apiVersion", "v1");
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", pod + "." + Long.toHexString(random.nextLong()));
        metadata.put("namespace", namespace);
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("kind", "Pod").put("namespace", namespace).put("name", pod).put("apiVersion", "v1")
                .put("fieldPath", "spec.containers{main}");
        event.put("reason", reason);
        event.put("message", switch (reason) {
            case "Pulled" -> "Container image \"" + ClusterShape.pick(random, ClusterShape.IMAGES)
                    + "\" already present on machine";
            case "Unhealthy" -> "Readiness probe failed: Get \"http://10.244.3.17:8080/ready\": context deadline exceeded";
            default -> "Successfully assigned " + namespace + "/" + pod + " to " + ClusterShape.node(random);
        });
        event.putObject("source").put("component", "kubelet").put("host", ClusterShape.node(random));
        event.put("firstTimestamp", time.toString());
        event.put("lastTimestamp", time.toString());
        event.put("count", 1);
        event.put("type", "Unhealthy".equals(reason) ? "Warning" : "Normal");
        return event;
    }

    static ObjectNode networkPolicy(String namespace, String name) {
        ObjectNode policy = object();
        policy.put("kind", "NetworkPolicy");
        policy.put("apiVersion", "networking.k8s.io/v1");
        policy.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("podSelector").putObject("matchLabels").put("app", name);
        spec.putArray("policyTypes").add("Ingress").add("Egress");
        ObjectNode ingress = spec.putArray("ingress").addObject();
        ingress.putArray("from").addObject().putObject("namespaceSelector").putObject("matchLabels")
                .put("kubernetes.io/metadata.name", "ingress-nginx");
        ingress.putArray("ports").addObject().put("protocol", "TCP").put("port", 8080);
        spec.putArray("egress").addObject().putArray("to").addObject().putObject("ipBlock").put("cidr", "10.0.0.0/8");
        return policy;
    }

    static ObjectNode roleBinding(String namespace, String name, String role, String subject) {
        ObjectNode binding = object();
        binding.put("kind", "RoleBinding");
        binding.put("apiVersion", "rbac.authorization.k8s.io/v1");
        binding.putObject("metadata").put("name", name).put("namespace", namespace);
        binding.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole")
                .put("name", role);
        binding.putArray("subjects").addObject().put("apiGroup", "rbac.authorization.k8s.io").put("kind", "User")
                .put("name", subject);
        return binding;
    }

    static ObjectNode configMap(SplittableRandom random, String namespace, String name) {
        ObjectNode map = object();
        map.put("kind", "ConfigMap");
        map.put("apiVersion", "v1");
        map.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode data = map.putObject("data");
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            data.put("setting-" + i + ".properties", ClusterShape.hash(random, 40 + random.nextInt(200)));
        }
        return map;
    }

    static ObjectNode object() {
        return VigilJson.mapper().createObjectNode();
    }

    private static void volume(ArrayNode volumes, String name, String type, String reference) {
        ObjectNode volume = volumes.addObject();
        volume.put("name", name);
        volume.putObject(type).put("name", reference).put("defaultMode", 420);
    }

    private static void toleration(ArrayNode tolerations, String key) {
        tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                .put("tolerationSeconds", 300);
    }
}
