package dev.vigil.bench.workload;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The envelope of an {@code audit.k8s.io/v1} event as the API server writes it — level, stage, URI, verb, user,
 * source IPs, user agent, objectRef, response status, timestamps, authorization annotations — for the kinds of
 * callers a cluster has: controllers' service accounts, kubelets, people, anonymous probes.
 */
final class AuditEnvelope {

    private AuditEnvelope() {
    }

    static ObjectNode base(String auditID, String level, String verb, Instant at, String uri, String resource,
                                   String namespace, String name, int code) {
        ObjectNode event = KubeObjects.object();
        event.put("kind", "Event");
        event.put("apiVersion", "audit.k8s.io/v1");
        event.put("level", level);
        event.put("auditID", auditID);
        event.put("stage", "ResponseComplete");
        event.put("requestURI", uri);
        event.put("verb", verb);
        if (resource != null) {
            ObjectNode ref = event.putObject("objectRef");
            ref.put("resource", resource);
            if (namespace != null) {
                ref.put("namespace", namespace);
            }
            if (name != null) {
                ref.put("name", name);
            }
            ref.put("apiVersion", "v1");
        }
        ObjectNode status = event.putObject("responseStatus");
        status.putObject("metadata");
        status.put("code", code);
        event.put("requestReceivedTimestamp", at.toString());
        event.put("stageTimestamp", at.plusNanos(1_500_000).toString());
        ObjectNode annotations = event.putObject("annotations");
        annotations.put("authorization.k8s.io/decision", "allow");
        annotations.put("authorization.k8s.io/reason", "");
        return event;
    }

    static void actor(SplittableRandom random, ObjectNode event, String actor) {
        if (actor.startsWith("system:serviceaccount:")) {
            String namespace = actor.split(":")[2];
            user(event, actor, "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
            event.put("userAgent", "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount");
            event.putArray("sourceIPs").add("10.0.0.2");
        } else {
            user(event, actor, "oidc:platform-team", "system:authenticated");
            event.put("userAgent", "kubectl/v1.31.1 (linux/amd64) kubernetes/948afe5");
            event.putArray("sourceIPs").add("192.168.17." + (10 + random.nextInt(200)));
        }
        event.withObjectProperty("annotations").put("authorization.k8s.io/reason",
                "RBAC: allowed by ClusterRoleBinding \"platform-admins\" of ClusterRole \"cluster-admin\"");
    }

    static void kubelet(ObjectNode event, String node) {
        user(event, "system:node:" + node, "system:nodes", "system:authenticated");
        event.put("userAgent", "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46");
        event.putArray("sourceIPs").add(ClusterShape.nodeIp(node));
    }

    static void anonymous(ObjectNode event, String ip, String agent) {
        user(event, "system:anonymous", "system:unauthenticated");
        event.put("userAgent", agent);
        event.putArray("sourceIPs").add(ip);
    }

    static void user(ObjectNode event, String name, String... groups) {
        ObjectNode user = event.putObject("user");
        user.put("username", name);
        ArrayNode list = user.putArray("groups");
        for (String group : groups) {
            list.add(group);
        }
    }

    static String serviceAccount(String controller) {
        return "system:serviceaccount:kube-system:" + controller;
    }

    static String uri(String resource, String namespace, String name) {
        String group = switch (resource) {
            case "deployments", "replicasets", "statefulsets", "daemonsets" -> "/apis/apps/v1";
            case "jobs" -> "/apis/batch/v1";
            case "leases" -> "/apis/coordination.k8s.io/v1";
            case "endpointslices" -> "/apis/discovery.k8s.io/v1";
            case "ingresses" -> "/apis/networking.k8s.io/v1";
            default -> "/api/v1";
        };
        return group + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource
                + (name == null ? "" : "/" + name);
    }
}
