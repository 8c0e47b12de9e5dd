package dev.vigil.streams.rules.pss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks the Pod Security Standards <b>restricted</b> level adds to baseline, as upstream
 * {@code k8s.io/pod-security-admission} defines them for policy version {@value PodSecurityStandards#POLICY_VERSION}
 * (Windows pods are exempt from the Linux-only checks; pods in a user namespace, {@code hostUsers: false}, from the
 * user-id checks but not from {@code procMount_restricted}).
 * Several restricted checks fail on fields that are <em>not</em> set; with {@code partial} evidence (a patch) an
 * unset field is unknown, so only explicitly bad values fail.
 */
final class RestrictedChecks {

    static final Set<String> ALLOWED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "image", "persistentVolumeClaim", "projected", "secret");

    static final List<PssCheck> CHECKS = List.of(
            new Check("allowPrivilegeEscalation", RestrictedChecks::allowPrivilegeEscalation),
            new Check("capabilities_restricted", RestrictedChecks::capabilities),
            new Check("procMount_restricted", (pod, partial) -> BaselineChecks.anyProcMount(pod)),
            new Check("runAsNonRoot", RestrictedChecks::runAsNonRoot),
            new Check("runAsUser", (pod, partial) -> runAsUser(pod)),
            new Check("seccompProfile_restricted", RestrictedChecks::seccomp),
            new Check("restrictedVolumes", (pod, partial) -> volumes(pod)));

    private RestrictedChecks() {
    }

    static Optional<String> allowPrivilegeEscalation(PodTemplate pod, boolean partial) {
        if (pod.isWindows()) {
            return Optional.empty();
        }
        List<String> bad = new ArrayList<>();
        for (Map<?, ?> container : pod.allContainers()) {
            Boolean allow = Fields.bool(PodTemplate.securityContext(container), "allowPrivilegeEscalation");
            if (Boolean.TRUE.equals(allow) || (allow == null && !partial)) {
                bad.add(PodTemplate.containerName(container));
            }
        }
        return Check.containers(bad, "must set securityContext.allowPrivilegeEscalation=false");
    }

    static Optional<String> capabilities(PodTemplate pod, boolean partial) {
        if (pod.isWindows()) {
            return Optional.empty();
        }
        List<String> missingDropAll = new ArrayList<>();
        List<String> adding = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        for (Map<?, ?> container : pod.allContainers()) {
            Map<?, ?> capabilities = Fields.map(PodTemplate.securityContext(container), "capabilities");
            boolean dropsAll = Fields.list(capabilities, "drop").contains("ALL");
            if (!dropsAll && !(partial && !Fields.has(capabilities, "drop"))) {
                missingDropAll.add(PodTemplate.containerName(container));
            }
            boolean addsForbidden = false;
            for (Object capability : Fields.list(capabilities, "add")) {
                if (!"NET_BIND_SERVICE".equals(capability)) {
                    addsForbidden = true;
                    added.add(String.valueOf(capability));
                }
            }
            if (addsForbidden) {
                adding.add(PodTemplate.containerName(container));
            }
        }
        List<String> details = new ArrayList<>();
        Check.containers(missingDropAll, "must set securityContext.capabilities.drop=[\"ALL\"]").ifPresent(details::add);
        Check.containers(adding, "must not add " + Check.quoted(added)).ifPresent(details::add);
        return details.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", details));
    }

    static Optional<String> runAsNonRoot(PodTemplate pod, boolean partial) {
        if (pod.usesUserNamespace()) {
            return Optional.empty();
        }
        Boolean podValue = Fields.bool(pod.podSecurityContext(), "runAsNonRoot");
        List<String> explicit = new ArrayList<>();
        List<String> implicit = new ArrayList<>();
        if (Boolean.FALSE.equals(podValue)) {
            explicit.add("pod");
        }
        for (Map<?, ?> container : pod.allContainers()) {
            Boolean value = Fields.bool(PodTemplate.securityContext(container), "runAsNonRoot");
            if (Boolean.FALSE.equals(value)) {
                explicit.add("container \"" + PodTemplate.containerName(container) + "\"");
            } else if (value == null && !Boolean.TRUE.equals(podValue) && !partial) {
                implicit.add(PodTemplate.containerName(container));
            }
        }
        if (!explicit.isEmpty()) {
            return Optional.of(String.join(" and ", explicit) + " must not set securityContext.runAsNonRoot=false");
        }
        return Check.containers(implicit, "must set securityContext.runAsNonRoot=true (or the pod must)");
    }

    static Optional<String> runAsUser(PodTemplate pod) {
        if (pod.usesUserNamespace()) {
            return Optional.empty();
        }
        List<String> bad = new ArrayList<>();
        if (isZero(Fields.number(pod.podSecurityContext(), "runAsUser"))) {
            bad.add("pod");
        }
        for (Map<?, ?> container : pod.allContainers()) {
            if (isZero(Fields.number(PodTemplate.securityContext(container), "runAsUser"))) {
                bad.add("container \"" + PodTemplate.containerName(container) + "\"");
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", bad) + " must not set runAsUser=0");
    }

    static Optional<String> seccomp(PodTemplate pod, boolean partial) {
        if (pod.isWindows()) {
            return Optional.empty();
        }
        String podType = Fields.string(Fields.map(pod.podSecurityContext(), "seccompProfile"), "type");
        boolean podValid = podType != null && BaselineChecks.VALID_SECCOMP_TYPES.contains(podType);
        List<String> explicit = new ArrayList<>();
        List<String> implicit = new ArrayList<>();
        if (podType != null && !podValid) {
            explicit.add("pod");
        }
        for (Map<?, ?> container : pod.allContainers()) {
            String type = Fields.string(Fields.map(PodTemplate.securityContext(container), "seccompProfile"), "type");
            if (type != null && !BaselineChecks.VALID_SECCOMP_TYPES.contains(type)) {
                explicit.add("container \"" + PodTemplate.containerName(container) + "\"");
            } else if (type == null && !podValid && !partial) {
                implicit.add(PodTemplate.containerName(container));
            }
        }
        if (!explicit.isEmpty()) {
            return Optional.of(String.join(" and ", explicit)
                    + " must set securityContext.seccompProfile.type to RuntimeDefault or Localhost");
        }
        return Check.containers(implicit,
                "must set securityContext.seccompProfile.type to RuntimeDefault or Localhost (or the pod must)");
    }

    static Optional<String> volumes(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        for (Object volume : Fields.list(pod.spec(), "volumes")) {
            if (!(volume instanceof Map<?, ?> fields)) {
                continue;
            }
            boolean allowed = false;
            boolean typed = false;
            for (Object key : fields.keySet()) {
                String field = String.valueOf(key);
                allowed |= ALLOWED_VOLUME_TYPES.contains(field);
                typed |= !field.equals("name") && !field.startsWith("$");
            }
            // No source at all: the API server defaults it to emptyDir (a request object shows it undefaulted).
            // In a patch, a volume named without a type is only being changed or deleted: nothing is known.
            if (!allowed && typed) {
                String name = Fields.string(fields, "name");
                bad.add(name == null ? "<unnamed>" : name);
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of("volumes " + Check.quoted(bad) + " have restricted types");
    }

    private static boolean isZero(Number number) {
        return number != null && number.doubleValue() == 0;
    }
}
