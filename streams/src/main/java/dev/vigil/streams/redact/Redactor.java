package dev.vigil.streams.redact;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.ResponseStatus;
import dev.vigil.model.redact.SecretEnvNames;
import dev.vigil.model.redact.SecretPatterns;
import dev.vigil.model.redact.SecretText;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes secret values from audit events before anything leaves {@code streams} (design §6, docs/redaction.md).
 * By name: Secret {@code data}/{@code stringData} and their last-applied annotation, env values whose names look
 * secret in pods and workload templates, and service-account tokens in TokenRequests and TokenReviews. By shape
 * ({@link SecretPatterns}): credentials in URLs, token query parameters, keys and tokens of known formats and
 * secret-looking assignments and arguments, in every string of the request and response objects, in
 * {@code requestURI}, the audit annotations and the response status message. Replaced values become
 * {@value #REDACTED}; the event passed in is never modified, and an event without secrets is returned as it is.
 */
public final class Redactor {

    public static final String REDACTED = SecretText.REDACTED;
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** The env-name markers used when none are configured. */
    public static final List<String> DEFAULT_ENV_NAME_MARKERS = SecretEnvNames.DEFAULT_MARKERS;

    /** Resources whose objects carry pod specs (pods, pod templates, every workload kind). */
    private static final Set<String> POD_BEARING = Set.of("pods", "podtemplates", "deployments", "replicasets",
            "statefulsets", "daemonsets", "jobs", "cronjobs", "replicationcontrollers");
    private static final Set<String> POD_BEARING_KINDS = Set.of("Pod", "PodTemplate", "Deployment", "ReplicaSet",
            "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController", "List");

    private final ContainerEnv env;
    private final ObjectSecretCheck objectCheck;

    /** @param envNameMarkers parts of env names that mark a secret, compared without case and separators */
    public Redactor(Collection<String> envNameMarkers) {
        SecretEnvNames names = new SecretEnvNames(envNameMarkers);
        this.env = new ContainerEnv(names);
        this.objectCheck = new ObjectSecretCheck(names);
    }

    /**
     * The check that passes a request or response object only when this redactor, by what the object holds, leaves
     * it unchanged; for {@link dev.vigil.model.audit.AuditRecordCodec#decodeChecked}. What it decides by the
     * request's resource is {@link #redactsObjectsOf}.
     */
    public AuditRecordCodec.ObjectCheck objectCheck() {
        return objectCheck;
    }

    /**
     * Whether the objects of a request about {@code ref} are redacted by name whatever they hold (Secrets and patches
     * to them, service-account tokens, token reviews): those objects need the tree path.
     */
    public static boolean redactsObjectsOf(ObjectReference ref) {
        if (ref == null) {
            return false;
        }
        String resource = ref.resource();
        boolean coreGroup = ref.apiGroup() == null || ref.apiGroup().isEmpty();
        return "secrets".equals(resource) && coreGroup
                || "serviceaccounts".equals(resource) && coreGroup && "token".equals(ref.subresource())
                || "tokenreviews".equals(resource);
    }

    public static Redactor withDefaults() {
        return new Redactor(DEFAULT_ENV_NAME_MARKERS);
    }

    public Redaction redact(AuditEvent event) {
        Set<String> values = SecretScan.newValueSet();
        List<String> paths = new ArrayList<>();
        String requestURI = text("requestURI", event.requestURI(), paths, values);
        Map<String, String> annotations = annotations(event.annotations(), paths, values);
        ResponseStatus status = status(event.responseStatus(), paths, values);
        SecretScan request = scan("requestObject", event.requestObject(), event.objectRef(), values);
        SecretScan response = scan("responseObject", event.responseObject(), event.objectRef(), values);
        if (paths.isEmpty() && !request.found() && !response.found()) {
            return Redaction.none(event);
        }
        paths.addAll(request.paths());
        paths.addAll(response.paths());
        AuditEvent redacted = new AuditEvent(event.apiVersion(), event.kind(), event.level(), event.auditID(),
                event.stage(), requestURI, event.verb(), event.user(), event.impersonatedUser(),
                event.sourceIPs(), event.userAgent(), event.objectRef(), status,
                request.found() ? request.redactedCopy(event.requestObject()) : event.requestObject(),
                response.found() ? response.redactedCopy(event.responseObject()) : event.responseObject(),
                event.requestReceivedTimestamp(), event.stageTimestamp(), annotations, event.other());
        return new Redaction(redacted, paths, values);
    }

    /** {@code text} with its secret-shaped parts redacted; a change is recorded under {@code path}. */
    private static String text(String path, String text, List<String> paths, Set<String> values) {
        String redacted = SecretPatterns.redact(text, values::add);
        if (redacted != text) {
            paths.add(path);
        }
        return redacted;
    }

    private static Map<String, String> annotations(Map<String, String> annotations, List<String> paths,
                                                   Set<String> values) {
        Map<String, String> redacted = null;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            String value = SecretPatterns.redact(annotation.getValue(), values::add);
            if (value != annotation.getValue()) {
                paths.add("annotations[\"" + annotation.getKey() + "\"]"); // built only when needed: every event has some
                if (redacted == null) {
                    redacted = new LinkedHashMap<>(annotations);
                }
                redacted.put(annotation.getKey(), value);
            }
        }
        return redacted == null ? annotations : redacted;
    }

    private static ResponseStatus status(ResponseStatus status, List<String> paths, Set<String> values) {
        if (status == null || status.message() == null) {
            return status;
        }
        String message = text("responseStatus.message", status.message(), paths, values);
        return message == status.message() ? status
                : new ResponseStatus(status.code(), status.status(), status.reason(), message, status.details());
    }

    private SecretScan scan(String rootName, JsonNode root, ObjectReference ref, Set<String> values) {
        SecretScan scan = new SecretScan(rootName, values);
        if (root == null || !root.isContainer()) {
            return scan;
        }
        String resource = ref == null ? null : ref.resource();
        boolean coreGroup = ref == null || ref.apiGroup() == null || ref.apiGroup().isEmpty();
        boolean aboutSecrets = "secrets".equals(resource) && coreGroup;
        if (aboutSecrets || SecretObjects.mayContain(root)) {
            SecretObjects.scan(root, aboutSecrets, scan);
        }
        if (resource != null && POD_BEARING.contains(resource) || root.isObject() && isPodBearingKind(root)) {
            env.scan(root, scan);
        }
        if ("serviceaccounts".equals(resource) && coreGroup && "token".equals(ref.subresource())) {
            field(root, scan, "status", "token");
        }
        if ("tokenreviews".equals(resource)) {
            field(root, scan, "spec", "token");
        }
        ValueShapes.scan(root, scan);
        return scan;
    }

    private static boolean isPodBearingKind(JsonNode root) {
        String kind = SecretObjects.kind(root);
        return kind != null && POD_BEARING_KINDS.contains(kind);
    }

    private static void field(JsonNode root, SecretScan scan, String parent, String child) {
        JsonNode value = root.path(parent).get(child);
        if (value != null) {
            scan.enter(parent);
            scan.enter(child);
            scan.secret(value);
            scan.leave();
            scan.leave();
        }
    }
}
