package dev.vigil.model.audit;

/** {@code audit.k8s.io/v1 ObjectReference}: the object a request was about. */
public record ObjectReference(String resource, String namespace, String name, String uid, String apiGroup,
                              String apiVersion, String resourceVersion, String subresource) {

    /** {@code resource} or {@code resource/subresource}, as RBAC spells it. */
    public String resourcePath() {
        if (resource == null) {
            return null;
        }
        return subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** {@code group/version} or just {@code version} for the core group. */
    public String groupVersion() {
        if (apiVersion == null) {
            return apiGroup;
        }
        return apiGroup == null || apiGroup.isEmpty() ? apiVersion : apiGroup + "/" + apiVersion;
    }
}
