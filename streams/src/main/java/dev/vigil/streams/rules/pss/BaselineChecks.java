package dev.vigil.streams.rules.pss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Pod Security Standards <b>baseline</b> level, check for check as upstream
 * {@code k8s.io/pod-security-admission} defines it for policy version {@value PodSecurityStandards#POLICY_VERSION}
 * (what a namespace labelled {@code latest} gets; each check's newest {@code VersionedCheck}). Baseline checks fail
 * only on values that are set, so they behave the same on whole objects and on patches.
 */
final class BaselineChecks {

    static final Set<String> ALLOWED_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /** Upstream's safe set by the version that added each name (policy/check_sysctls.go). */
    static final Set<String> ALLOWED_SYSCTLS = Set.of(
            // v1.0
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
            // v1.27
            "net.ipv4.ip_local_reserved_ports",
            // v1.29
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
            // v1.32
            "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
            // v1.37
            "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

    static final Set<String> ALLOWED_SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    static final Set<String> VALID_SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

    private static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    static final List<PssCheck> CHECKS = List.of(
            new Check("privileged", (pod, partial) -> privileged(pod)),
            new Check("hostNamespaces", (pod, partial) -> hostNamespaces(pod)),
            new Check("hostPathVolumes", (pod, partial) -> hostPathVolumes(pod)),
            new Check("hostPorts", (pod, partial) -> hostPorts(pod)),
            new Check("hostProbesAndHostLifecycle", (pod, partial) -> HostProbes.violation(pod)),
            new Check("capabilities_baseline", (pod, partial) -> capabilities(pod)),
            new Check("appArmorProfile", (pod, partial) -> appArmor(pod)),
            new Check("seLinuxOptions", (pod, partial) -> seLinux(pod)),
            new Check("procMount", (pod, partial) -> procMount(pod)),
            new Check("seccompProfile_baseline", (pod, partial) -> seccomp(pod)),
            new Check("sysctls", (pod, partial) -> sysctls(pod)),
            new Check("windowsHostProcess", (pod, partial) -> windowsHostProcess(pod)));

    private BaselineChecks() {
    }

    static Optional<String> privileged(PodTemplate pod) {
        List<String> bad = new ArrayList<>();
        for (Map<?, ?> container : pod.allContainers()) {
            if (Fields.isTrue(PodTemplate.securityContext(container), "privileged")) {
                bad.add(PodTemplate.containerName(container));
            }
        }
        return Check.containers(bad, "must not set securityContext.privileged=true");
    }

    static Optional<String> hostNamespaces(PodTemplate pod) {
        List<String> shared = new ArrayList<>();
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Fields.isTrue(pod.spec(), field)) {
                shared.add(field + "=true");
            }
        }
        return shared.isEmpty() ? Optional.empty() : Optional.of("pod must not set " + String.join(", ", shared));
    }

    static Optional<String> hostPathVolumes(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        for (Object volume : Fields.list(pod.spec(), "volumes")) {
            if (Fields.has(volume, "hostPath")) {
                String name = Fields.string(volume, "name");
                bad.add(name == null ? "<unnamed>" : name);
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of("hostPath volumes " + Check.quoted(bad));
    }

    static Optional<String> hostPorts(PodTemplate pod) {
        List<String> bad = new ArrayList<>();
        Set<String> ports = new TreeSet<>();
        for (Map<?, ?> container : pod.allContainers()) {
            boolean uses = false;
            for (Object port : Fields.list(container, "ports")) {
                Number hostPort = Fields.number(port, "hostPort");
                if (hostPort != null && hostPort.longValue() != 0) {
                    uses = true;
                    ports.add(String.valueOf(hostPort.longValue()));
                }
            }
            if (uses) {
                bad.add(PodTemplate.containerName(container));
            }
        }
        return Check.containers(bad, "must not use hostPort " + String.join(", ", ports));
    }

    static Optional<String> capabilities(PodTemplate pod) {
        List<String> bad = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        for (Map<?, ?> container : pod.allContainers()) {
            boolean adds = false;
            for (Object capability : Fields.list(Fields.map(PodTemplate.securityContext(container), "capabilities"),
                    "add")) {
                if (!ALLOWED_CAPABILITIES.contains(String.valueOf(capability))) {
                    adds = true;
                    added.add(String.valueOf(capability));
                }
            }
            if (adds) {
                bad.add(PodTemplate.containerName(container));
            }
        }
        return Check.containers(bad, "must not add capabilities " + Check.quoted(added));
    }

    static Optional<String> appArmor(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        String podType = Fields.string(Fields.map(pod.podSecurityContext(), "appArmorProfile"), "type");
        if (podType != null && !VALID_SECCOMP_TYPES.contains(podType)) {
            bad.add("pod appArmorProfile.type=" + podType);
        }
        for (Map<?, ?> container : pod.allContainers()) {
            String type = Fields.string(Fields.map(PodTemplate.securityContext(container), "appArmorProfile"), "type");
            if (type != null && !VALID_SECCOMP_TYPES.contains(type)) {
                bad.add("container \"" + PodTemplate.containerName(container) + "\" appArmorProfile.type=" + type);
            }
        }
        for (Map.Entry<?, ?> annotation : pod.annotations().entrySet()) {
            String key = String.valueOf(annotation.getKey());
            String value = String.valueOf(annotation.getValue());
            if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(value)) {
                bad.add(key + "=" + value);
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of("forbidden AppArmor profile " + String.join(", ", bad));
    }

    private static boolean allowedAppArmorAnnotation(String value) {
        return value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/");
    }

    static Optional<String> seLinux(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        if (badSeLinux(Fields.map(pod.podSecurityContext(), "seLinuxOptions"))) {
            bad.add("pod");
        }
        for (Map<?, ?> container : pod.allContainers()) {
            if (badSeLinux(Fields.map(PodTemplate.securityContext(container), "seLinuxOptions"))) {
                bad.add("container \"" + PodTemplate.containerName(container) + "\"");
            }
        }
        return bad.isEmpty() ? Optional.empty()
                : Optional.of(String.join(" and ", bad) + " set forbidden seLinuxOptions (type, user or role)");
    }

    private static boolean badSeLinux(Map<?, ?> options) {
        String type = Fields.string(options, "type");
        return (type != null && !ALLOWED_SELINUX_TYPES.contains(type)) || !blank(Fields.string(options, "user"))
                || !blank(Fields.string(options, "role"));
    }

    /** Baseline since v1.35 allows any procMount in a user namespace; restricted does not (procMount_restricted). */
    static Optional<String> procMount(PodTemplate pod) {
        return pod.usesUserNamespace() ? Optional.empty() : anyProcMount(pod);
    }

    static Optional<String> anyProcMount(PodTemplate pod) {
        List<String> bad = new ArrayList<>();
        for (Map<?, ?> container : pod.allContainers()) {
            String procMount = Fields.string(PodTemplate.securityContext(container), "procMount");
            if (procMount != null && !procMount.equals("Default")) {
                bad.add(PodTemplate.containerName(container));
            }
        }
        return Check.containers(bad, "must not set securityContext.procMount other than Default");
    }

    static Optional<String> seccomp(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        String podType = Fields.string(Fields.map(pod.podSecurityContext(), "seccompProfile"), "type");
        if (podType != null && !VALID_SECCOMP_TYPES.contains(podType)) {
            bad.add("pod seccompProfile.type=" + podType);
        }
        for (Map<?, ?> container : pod.allContainers()) {
            String type = Fields.string(Fields.map(PodTemplate.securityContext(container), "seccompProfile"), "type");
            if (type != null && !VALID_SECCOMP_TYPES.contains(type)) {
                bad.add("container \"" + PodTemplate.containerName(container) + "\" seccompProfile.type=" + type);
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of("forbidden seccomp profile " + String.join(", ", bad));
    }

    static Optional<String> sysctls(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        for (Object sysctl : Fields.list(pod.podSecurityContext(), "sysctls")) {
            String name = Fields.string(sysctl, "name");
            if (name != null && !ALLOWED_SYSCTLS.contains(name)) {
                bad.add(name);
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of("forbidden sysctls " + String.join(", ", bad));
    }

    static Optional<String> windowsHostProcess(PodTemplate pod) {
        Set<String> bad = new TreeSet<>();
        if (Fields.isTrue(Fields.map(pod.podSecurityContext(), "windowsOptions"), "hostProcess")) {
            bad.add("pod");
        }
        for (Map<?, ?> container : pod.allContainers()) {
            if (Fields.isTrue(Fields.map(PodTemplate.securityContext(container), "windowsOptions"), "hostProcess")) {
                bad.add("container \"" + PodTemplate.containerName(container) + "\"");
            }
        }
        return bad.isEmpty() ? Optional.empty()
                : Optional.of(String.join(" and ", bad) + " must not set windowsOptions.hostProcess=true");
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
