package dev.vigil.ingest.cloud.gke;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a Cloud Audit Log entry of {@code k8s.io} says about the request: {@code protoPayload.methodName}
 * ({@code io.k8s.core.v1.pods.create}, {@code io.k8s.core.v1.pods.exec.create},
 * {@code io.k8s.authorization.rbac.v1.clusterrolebindings.delete}) gives the verb, the resource and the subresource;
 * {@code protoPayload.resourceName} ({@code core/v1/namespaces/default/pods/nginx},
 * {@code rbac.authorization.k8s.io/v1/clusterrolebindings/pwn}) the API group as Kubernetes spells it, the version,
 * the namespace and the name. The method name alone cannot give the group (GKE reverses it:
 * {@code rbac.authorization.k8s.io} becomes {@code authorization.rbac}), the resource name alone cannot tell a
 * namespace's subresource from a resource in it, so both are read.
 *
 * @param verb        the Kubernetes verb ({@code create}, {@code get}, {@code deletecollection} …)
 * @param apiGroup    the API group, empty for the core group
 * @param apiVersion  the version ({@code v1})
 * @param resource    the resource ({@code pods})
 * @param subresource the subresource ({@code exec}), or empty
 * @param namespace   the namespace, or empty
 * @param name        the object's name, or empty
 */
record GkeMethod(String verb, String apiGroup, String apiVersion, String resource, String subresource,
                 String namespace, String name) {

    private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");
    /** Subresources of a namespace; anything else after {@code namespaces/<ns>/} is a resource in it. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
    /** Built-in API groups whose name has no {@code .k8s.io} suffix. */
    private static final Set<String> SHORT_GROUPS = Set.of("apps", "batch", "autoscaling", "policy", "extensions");

    /** Reads the method and resource names; throws {@link IllegalArgumentException} when the method is not k8s.io's. */
    static GkeMethod of(String methodName, String resourceName) {
        if (methodName == null || !methodName.startsWith("io.k8s.")) {
            throw new IllegalArgumentException("protoPayload.methodName '" + methodName
                    + "' is not a Kubernetes API method (io.k8s.…)");
        }
        String[] method = methodName.substring("io.k8s.".length()).split("\\.");
        int version = -1;
        for (int i = 0; i < method.length; i++) {
            if (VERSION.matcher(method[i]).matches()) {
                version = i;
                break;
            }
        }
        if (version < 1 || method.length < version + 3) {
            throw new IllegalArgumentException("protoPayload.methodName '" + methodName
                    + "' has no <group>.<version>.<resource>.<verb>");
        }
        String verb = method[method.length - 1];
        String resource = method[version + 1];
        String subresource = String.join("/", Arrays.copyOfRange(method, version + 2, method.length - 1));
        Path path = Path.of(resourceName, resource);
        String group = path.group() != null ? path.group() : methodGroup(method, version);
        String apiVersion = path.version() != null ? path.version() : method[version];
        return new GkeMethod(verb, group, apiVersion, resource, subresource, path.namespace(), path.name());
    }

    /** The group from the method name alone, for entries without a resource name: {@code core} is the core group. */
    private static String methodGroup(String[] method, int version) {
        String[] reversed = Arrays.copyOfRange(method, 0, version);
        if (reversed.length == 1 && reversed[0].equals("core")) {
            return "";
        }
        if (reversed.length == 1 && SHORT_GROUPS.contains(reversed[0])) {
            return reversed[0];
        }
        StringBuilder group = new StringBuilder();
        for (int i = reversed.length - 1; i >= 0; i--) {
            group.append(reversed[i]).append('.');
        }
        return group.append("k8s.io").toString();
    }

    /** The request URI the API server would have logged, rebuilt (the Cloud Audit Log does not keep it). */
    String requestURI() {
        StringBuilder uri = new StringBuilder(apiGroup.isEmpty() ? "/api/" : "/apis/" + apiGroup + "/")
                .append(apiVersion);
        if (resource.equals("namespaces")) {
            uri.append("/namespaces");
            if (!name.isEmpty() && !(verb.equals("create") && subresource.isEmpty())) {
                uri.append('/').append(name);
            }
        } else {
            if (!namespace.isEmpty()) {
                uri.append("/namespaces/").append(namespace);
            }
            uri.append('/').append(resource);
            if (!name.isEmpty() && !(verb.equals("create") && subresource.isEmpty())) {
                uri.append('/').append(name);
            }
        }
        if (!subresource.isEmpty()) {
            uri.append('/').append(subresource);
        }
        return uri.toString();
    }

    /** The parts of a resource name: {@code <group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<sub>]]}. */
    private record Path(String group, String version, String namespace, String name) {

        static Path of(String resourceName, String resource) {
            if (resourceName == null || resourceName.isBlank()) {
                return new Path(null, null, "", "");
            }
            String[] parts = resourceName.split("/");
            if (parts.length < 2 || !VERSION.matcher(parts[1]).matches()) {
                return new Path(null, null, "", "");
            }
            String group = parts[0].equals("core") ? "" : parts[0];
            String[] rest = Arrays.copyOfRange(parts, 2, parts.length);
            String namespace = "";
            int at = 0;
            if (rest.length >= 2 && rest[0].equals("namespaces")) {
                namespace = rest[1];
                if (resource.equals("namespaces") || (rest.length > 2 && NAMESPACE_SUBRESOURCES.contains(rest[2]))) {
                    // The namespace object itself: as the API server records it, its name is also the namespace.
                    return new Path(group, parts[1], namespace, namespace);
                }
                at = 2;
            }
            // rest[at] is the resource, rest[at + 1] the name.
            String name = rest.length > at + 1 ? rest[at + 1] : "";
            return new Path(group, parts[1], namespace, name);
        }
    }
}
