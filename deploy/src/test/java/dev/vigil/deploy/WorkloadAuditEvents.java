package dev.vigil.deploy;

import dev.vigil.model.json.VigilJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The audit events a cluster records when the rendered chart is installed, at the {@code RequestResponse} level
 * of Vigil's audit policy: Helm's user creates each workload; for a Deployment the deployment controller then
 * creates its ReplicaSet; the ReplicaSet or StatefulSet controller creates the first pod, as admitted (service
 * account token volume added where it is mounted). These are the events Vigil's pod rules judge in a real cluster.
 */
final class WorkloadAuditEvents {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String HELM_USER = "ops@example.com";
    private static final String TEMPLATE_HASH = "5d8f7c9b64";

    private final String namespace;
    private final Instant time;
    private int sequence;

    WorkloadAuditEvents(String namespace, Instant time) {
        this.namespace = namespace;
        this.time = time;
    }

    /** The events of one workload, in the order the API server records them. */
    List<JsonNode> of(HasMetadata workload, PodTemplateSpec template) {
        List<JsonNode> events = new ArrayList<>();
        String kind = workload.getKind();
        String name = workload.getMetadata().getName();
        String uid = uid(kind + "/" + name);
        ObjectNode object = (ObjectNode) VigilJson.mapper().readTree(SERIALIZATION.asJson(workload));
        ((ObjectNode) object.get("metadata")).put("namespace", namespace);
        events.add(create(HELM_USER, List.of("system:authenticated"), "Helm/3.19.0", "apps",
                plural(kind), name, object, admitted(object, uid),
                "RBAC: allowed by ClusterRoleBinding \"cluster-admins\" of ClusterRole \"cluster-admin\" to Group \"ops\""));

        ObjectNode pod = pod(template, name);
        if (workload instanceof Deployment) {
            String replicaSet = name + "-" + TEMPLATE_HASH;
            String replicaSetUid = uid("ReplicaSet/" + replicaSet);
            ObjectNode set = VigilJson.mapper().createObjectNode();
            set.put("kind", "ReplicaSet").put("apiVersion", "apps/v1");
            ObjectNode metadata = set.putObject("metadata");
            metadata.put("name", replicaSet).put("namespace", namespace);
            metadata.set("labels", withHash(template));
            metadata.set("ownerReferences", owner("apps/v1", kind, name, uid));
            ObjectNode spec = set.putObject("spec");
            spec.put("replicas", ((Deployment) workload).getSpec().getReplicas());
            spec.set("selector", object.get("spec").get("selector"));
            ObjectNode podTemplate = (ObjectNode) VigilJson.mapper().readTree(SERIALIZATION.asJson(template));
            ((ObjectNode) podTemplate.get("metadata")).set("labels", withHash(template));
            spec.set("template", podTemplate);
            events.add(controllerCreate("deployment-controller", "apps", "replicasets", replicaSet, set,
                    admitted(set, replicaSetUid)));
            ((ObjectNode) pod.get("metadata")).set("ownerReferences", owner("apps/v1", "ReplicaSet", replicaSet,
                    replicaSetUid));
            ((ObjectNode) pod.get("metadata")).set("labels", withHash(template));
            events.add(controllerCreate("replicaset-controller", "", "pods", null, pod, admittedPod(pod, replicaSet)));
        } else {
            ((ObjectNode) pod.get("metadata")).set("ownerReferences", owner("apps/v1", kind, name, uid));
            ((ObjectNode) pod.get("metadata")).put("name", name + "-0");
            events.add(controllerCreate("statefulset-controller", "", "pods", name + "-0", pod,
                    admittedPod(pod, name)));
        }
        return events;
    }

    private ObjectNode create(String user, List<String> groups, String userAgent, String group, String resource,
                              String name, JsonNode requestObject, JsonNode responseObject, String reason) {
        ObjectNode event = VigilJson.mapper().createObjectNode();
        Instant received = time.plusMillis(40L * sequence++);
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "RequestResponse");
        event.put("auditID", uid("audit-" + sequence));
        event.put("stage", "ResponseComplete");
        event.put("requestURI", (group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1") + "/namespaces/" + namespace
                + "/" + resource + (userAgent.startsWith("Helm") ? "?fieldManager=helm" : ""));
        event.put("verb", "create");
        ObjectNode userNode = event.putObject("user");
        userNode.put("username", user);
        ArrayNode groupNodes = userNode.putArray("groups");
        groups.forEach(groupNodes::add);
        event.putArray("sourceIPs").add(user.startsWith("system:") ? "172.18.0.2" : "192.0.2.10");
        event.put("userAgent", userAgent);
        ObjectNode objectRef = event.putObject("objectRef");
        objectRef.put("resource", resource).put("namespace", namespace);
        if (name != null) {
            objectRef.put("name", name);
        }
        if (!group.isEmpty()) {
            objectRef.put("apiGroup", group);
        }
        objectRef.put("apiVersion", "v1");
        ObjectNode status = event.putObject("responseStatus");
        status.putObject("metadata");
        status.put("code", 201);
        event.set("requestObject", requestObject);
        event.set("responseObject", responseObject);
        event.put("requestReceivedTimestamp", received.toString());
        event.put("stageTimestamp", received.plusMillis(12).toString());
        ObjectNode annotations = event.putObject("annotations");
        annotations.put("authorization.k8s.io/decision", "allow");
        annotations.put("authorization.k8s.io/reason", reason);
        return event;
    }

    private ObjectNode controllerCreate(String controller, String group, String resource, String name,
                                        JsonNode requestObject, JsonNode responseObject) {
        return create("system:serviceaccount:kube-system:" + controller,
                List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
                "kube-controller-manager/v1.31.0 (linux/amd64) kubernetes/" + controller, group, resource, name,
                requestObject, responseObject, "RBAC: allowed by ClusterRoleBinding \"system:controller:" + controller
                        + "\" of ClusterRole \"system:controller:" + controller + "\" to ServiceAccount \""
                        + controller + "/kube-system\"");
    }

    /** The stored object: what the API server answers a create with. */
    private JsonNode admitted(JsonNode object, String uid) {
        ObjectNode stored = (ObjectNode) object.deepCopy();
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        metadata.put("uid", uid).put("resourceVersion", String.valueOf(1000 + sequence))
                .put("generation", 1).put("creationTimestamp", time.toString());
        return stored;
    }

    /** A pod as admitted: the ServiceAccount admission plugin adds the token volume where it is mounted. */
    private JsonNode admittedPod(ObjectNode pod, String generateFrom) {
        ObjectNode stored = (ObjectNode) admitted(pod, uid("pod/" + generateFrom));
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        if (!metadata.has("name")) {
            metadata.put("name", generateFrom + "-x2x8k");
        }
        ObjectNode spec = (ObjectNode) stored.get("spec");
        spec.put("serviceAccount", spec.get("serviceAccountName").asString());
        spec.put("nodeName", "worker-1").put("restartPolicy", "Always").put("dnsPolicy", "ClusterFirst")
                .put("schedulerName", "default-scheduler");
        if (spec.path("automountServiceAccountToken").asBoolean(true)) {
            ObjectNode token = ((ArrayNode) spec.get("volumes")).addObject();
            token.put("name", "kube-api-access-7q2xv");
            ArrayNode sources = token.putObject("projected").put("defaultMode", 420).putArray("sources");
            sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
            sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt");
            for (JsonNode container : spec.get("containers")) {
                ((ArrayNode) container.get("volumeMounts")).addObject().put("name", "kube-api-access-7q2xv")
                        .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount").put("readOnly", true);
            }
        }
        return stored;
    }

    private ObjectNode pod(PodTemplateSpec template, String owner) {
        ObjectNode pod = VigilJson.mapper().createObjectNode();
        pod.put("kind", "Pod").put("apiVersion", "v1");
        ObjectNode source = (ObjectNode) VigilJson.mapper().readTree(SERIALIZATION.asJson(template));
        ObjectNode metadata = (ObjectNode) source.get("metadata");
        metadata.put("generateName", owner + "-").put("namespace", namespace);
        pod.set("metadata", metadata);
        pod.set("spec", source.get("spec"));
        return pod;
    }

    private static ObjectNode withHash(PodTemplateSpec template) {
        ObjectNode labels = (ObjectNode) VigilJson.mapper().valueToTree(template.getMetadata().getLabels());
        labels.put("pod-template-hash", TEMPLATE_HASH);
        return labels;
    }

    private static ArrayNode owner(String apiVersion, String kind, String name, String uid) {
        ArrayNode owners = VigilJson.mapper().createArrayNode();
        owners.addObject().put("apiVersion", apiVersion).put("kind", kind).put("name", name).put("uid", uid)
                .put("controller", true).put("blockOwnerDeletion", true);
        return owners;
    }

    private static String plural(String kind) {
        return kind.toLowerCase(Locale.ROOT) + "s";
    }

    private static String uid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
