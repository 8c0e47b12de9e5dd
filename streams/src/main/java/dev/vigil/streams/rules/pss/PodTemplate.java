package dev.vigil.streams.rules.pss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod inside an object: a Pod itself, or the pod template of a workload (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, ReplicationController: {@code spec.template}; CronJob:
 * {@code spec.jobTemplate.spec.template}). Pod Security Standards judge exactly this metadata and spec.
 *
 * @param metadata the pod's (or template's) metadata; empty when absent
 * @param spec     the pod spec
 */
public record PodTemplate(Map<?, ?> metadata, Map<?, ?> spec) {

    /**
     * A spec with one of these is a pod spec. The detection screen relies on {@code RequestSummary.POD_SPEC_NAMES}
     * holding all of them (and {@code template}, {@code jobTemplate}): a key added here must be added there.
     */
    static final List<String> POD_SPEC_KEYS = List.of("containers", "initContainers", "ephemeralContainers",
            "volumes", "securityContext", "hostNetwork", "hostPID", "hostIPC", "serviceAccountName",
            "automountServiceAccountToken");

    /**
     * The last object asked about per thread and its answer: the rules of one event ({@code has_pod}, the pod's
     * service account, images, the Pod Security checks of several rules) all ask about the same object instance,
     * whose pod is found once. Objects are read-only CEL values, so the answer for one instance cannot change.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    /** Finds the pod in an object held as maps (a CEL value or a converted JSON tree); empty when it has none. */
    @SuppressWarnings("unchecked")
    public static Optional<PodTemplate> of(Object object) {
        Object[] last = LAST.get();
        if (last[0] == object && last[1] != null) {
            return (Optional<PodTemplate>) last[1];
        }
        Optional<PodTemplate> found = find(object);
        last[0] = object;
        last[1] = found;
        return found;
    }

    private static Optional<PodTemplate> find(Object object) {
        Map<?, ?> spec = Fields.map(object, "spec");
        Map<?, ?> cronTemplate = Fields.map(Fields.map(Fields.map(spec, "jobTemplate"), "spec"), "template");
        if (!cronTemplate.isEmpty()) {
            return Optional.of(new PodTemplate(Fields.map(cronTemplate, "metadata"), Fields.map(cronTemplate, "spec")));
        }
        Map<?, ?> template = Fields.map(spec, "template");
        if (!template.isEmpty()) {
            return Optional.of(new PodTemplate(Fields.map(template, "metadata"), Fields.map(template, "spec")));
        }
        if (looksLikePodSpec(spec)) {
            return Optional.of(new PodTemplate(Fields.map(object, "metadata"), spec));
        }
        return Optional.empty();
    }

    private static boolean looksLikePodSpec(Map<?, ?> spec) {
        for (String key : POD_SPEC_KEYS) {
            if (spec.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Every container the kubelet would run: initContainers, containers and ephemeralContainers, in that order. */
    public List<Map<?, ?>> allContainers() {
        List<Map<?, ?>> all = new ArrayList<>();
        for (String key : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (Object container : Fields.list(spec, key)) {
                if (container instanceof Map<?, ?> map) {
                    all.add(map);
                }
            }
        }
        return all;
    }

    /** The container images, for image-based exceptions. */
    public List<String> images() {
        List<String> images = new ArrayList<>();
        for (Map<?, ?> container : allContainers()) {
            String image = Fields.string(container, "image");
            if (image != null) {
                images.add(image);
            }
        }
        return images;
    }

    Map<?, ?> podSecurityContext() {
        return Fields.map(spec, "securityContext");
    }

    Map<?, ?> annotations() {
        return Fields.map(metadata, "annotations");
    }

    /** Pods with {@code hostUsers: false} run in a user namespace; upstream relaxes some checks for them. */
    boolean usesUserNamespace() {
        return Boolean.FALSE.equals(Fields.bool(spec, "hostUsers"));
    }

    boolean isWindows() {
        return "windows".equals(Fields.string(Fields.map(spec, "os"), "name"));
    }

    static String containerName(Map<?, ?> container) {
        String name = Fields.string(container, "name");
        return name == null ? "<unnamed>" : name;
    }

    static Map<?, ?> securityContext(Map<?, ?> container) {
        return Fields.map(container, "securityContext");
    }
}
