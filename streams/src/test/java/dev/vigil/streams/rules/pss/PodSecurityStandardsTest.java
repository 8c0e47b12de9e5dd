package dev.vigil.streams.rules.pss;

import dev.vigil.streams.rules.cel.CelValues;
import dev.vigil.streams.rules.file.RuleFileReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each Pod Security Standards check with a violating and a compliant pod spec (YAML, as a rule sees it). */
class PodSecurityStandardsTest {

    static Stream<Arguments> baselineChecks() {
        return Stream.of(
                arguments("privileged", spec("containers: [{name: c, securityContext: {privileged: true}}]"),
                        spec("containers: [{name: c, securityContext: {privileged: false}}]")),
                arguments("privileged", spec("initContainers: [{name: i, securityContext: {privileged: true}}]"),
                        spec("initContainers: [{name: i}]")),
                arguments("privileged", spec("ephemeralContainers: [{name: e, securityContext: {privileged: true}}]"),
                        spec("ephemeralContainers: [{name: e}]")),
                arguments("hostNamespaces", spec("hostNetwork: true\n  containers: [{name: c}]"),
                        spec("hostNetwork: false\n  containers: [{name: c}]")),
                arguments("hostNamespaces", spec("hostPID: true"), spec("hostPID: false")),
                arguments("hostNamespaces", spec("hostIPC: true"), spec("hostIPC: false")),
                arguments("hostPathVolumes", spec("volumes: [{name: v, hostPath: {path: /etc}}]"),
                        spec("volumes: [{name: v, emptyDir: {}}]")),
                arguments("hostPorts", spec("containers: [{name: c, ports: [{containerPort: 80, hostPort: 8080}]}]"),
                        spec("containers: [{name: c, ports: [{containerPort: 80, hostPort: 0}]}]")),
                arguments("capabilities_baseline",
                        spec("containers: [{name: c, securityContext: {capabilities: {add: [NET_ADMIN]}}}]"),
                        spec("containers: [{name: c, securityContext: {capabilities: {add: [CHOWN, KILL, SETUID]}}}]")),
                arguments("appArmorProfile",
                        spec("securityContext: {appArmorProfile: {type: Unconfined}}"),
                        spec("securityContext: {appArmorProfile: {type: RuntimeDefault}}")),
                arguments("appArmorProfile",
                        spec("containers: [{name: c, securityContext: {appArmorProfile: {type: Unconfined}}}]"),
                        spec("containers: [{name: c, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: k8s-web}}}]")),
                arguments("appArmorProfile",
                        pod("metadata: {annotations: {container.apparmor.security.beta.kubernetes.io/c: unconfined}}"),
                        pod("metadata: {annotations: {container.apparmor.security.beta.kubernetes.io/c: localhost/k8s-web}}")),
                arguments("seLinuxOptions",
                        spec("securityContext: {seLinuxOptions: {type: spc_t}}"),
                        spec("securityContext: {seLinuxOptions: {type: container_t, level: 's0:c123,c456'}}")),
                arguments("seLinuxOptions",
                        spec("containers: [{name: c, securityContext: {seLinuxOptions: {user: system_u}}}]"),
                        spec("containers: [{name: c, securityContext: {seLinuxOptions: {type: container_init_t}}}]")),
                arguments("procMount",
                        spec("containers: [{name: c, securityContext: {procMount: Unmasked}}]"),
                        spec("containers: [{name: c, securityContext: {procMount: Default}}]")),
                arguments("seccompProfile_baseline",
                        spec("securityContext: {seccompProfile: {type: Unconfined}}"),
                        spec("securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}")),
                arguments("seccompProfile_baseline",
                        spec("containers: [{name: c, securityContext: {seccompProfile: {type: Unconfined}}}]"),
                        spec("containers: [{name: c}]")),
                arguments("sysctls",
                        spec("securityContext: {sysctls: [{name: kernel.msgmax, value: '65536'}]}"),
                        spec("securityContext: {sysctls: [{name: net.ipv4.ip_local_port_range, value: '1024 65535'}]}")),
                arguments("sysctls",
                        spec("securityContext: {sysctls: [{name: net.ipv4.tcp_congestion_control, value: bbr}]}"),
                        spec("securityContext: {sysctls: [{name: net.ipv4.tcp_slow_start_after_idle, value: '0'}, "
                                + "{name: net.ipv4.tcp_notsent_lowat, value: '16384'}]}")),
                arguments("hostProbesAndHostLifecycle",
                        spec("containers: [{name: c, livenessProbe: {httpGet: {host: 169.254.169.254, port: 80}}}]"),
                        spec("containers: [{name: c, livenessProbe: {httpGet: {host: '', port: 80}}}]")),
                arguments("hostProbesAndHostLifecycle",
                        spec("containers: [{name: c, readinessProbe: {tcpSocket: {host: localhost, port: 5432}}}]"),
                        spec("containers: [{name: c, readinessProbe: {tcpSocket: {port: 5432}}}]")),
                arguments("hostProbesAndHostLifecycle",
                        spec("initContainers: [{name: i, restartPolicy: Always, startupProbe: {httpGet: "
                                + "{host: kubernetes.default.svc, port: 443, scheme: HTTPS}}}]"),
                        spec("initContainers: [{name: i, restartPolicy: Always, startupProbe: {exec: "
                                + "{command: [true]}}}]")),
                arguments("hostProbesAndHostLifecycle",
                        spec("containers: [{name: c, lifecycle: {preStop: {tcpSocket: {host: 10.0.0.1, port: 22}}}}]"),
                        spec("containers: [{name: c, lifecycle: {postStart: {httpGet: {path: /warm, port: 8080}}}}]")),
                arguments("windowsHostProcess",
                        spec("securityContext: {windowsOptions: {hostProcess: true}}"),
                        spec("securityContext: {windowsOptions: {hostProcess: false}}")),
                arguments("windowsHostProcess",
                        spec("containers: [{name: c, securityContext: {windowsOptions: {hostProcess: true}}}]"),
                        spec("containers: [{name: c, securityContext: {windowsOptions: {runAsUserName: app}}}]")));
    }

    private static final String POD_SC = "runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}";
    private static final String CONTAINER_SC = "allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}";

    static Stream<Arguments> restrictedChecks() {
        String compliant = restricted(POD_SC, CONTAINER_SC, "");
        return Stream.of(
                arguments("allowPrivilegeEscalation", restricted(POD_SC, "capabilities: {drop: [ALL]}", ""),
                        compliant),
                arguments("allowPrivilegeEscalation",
                        restricted(POD_SC, "allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}", ""),
                        compliant),
                arguments("capabilities_restricted",
                        restricted(POD_SC, "allowPrivilegeEscalation: false, capabilities: {drop: [NET_RAW]}", ""),
                        restricted(POD_SC, CONTAINER_SC.replace("}", ", add: [NET_BIND_SERVICE]}"), "")),
                arguments("capabilities_restricted",
                        restricted(POD_SC, CONTAINER_SC.replace("}", ", add: [CHOWN]}"), ""), compliant),
                arguments("runAsNonRoot",
                        restricted("runAsNonRoot: false, seccompProfile: {type: RuntimeDefault}", CONTAINER_SC, ""),
                        compliant),
                arguments("runAsNonRoot",
                        restricted("seccompProfile: {type: RuntimeDefault}", CONTAINER_SC, ""),
                        restricted("seccompProfile: {type: RuntimeDefault}", CONTAINER_SC + ", runAsNonRoot: true", "")),
                arguments("runAsUser", restricted(POD_SC + ", runAsUser: 0", CONTAINER_SC, ""),
                        restricted(POD_SC + ", runAsUser: 1000", CONTAINER_SC, "")),
                arguments("runAsUser", restricted(POD_SC, CONTAINER_SC + ", runAsUser: 0", ""),
                        restricted(POD_SC, CONTAINER_SC + ", runAsUser: 1000", "")),
                arguments("seccompProfile_restricted", restricted("runAsNonRoot: true", CONTAINER_SC, ""),
                        restricted("runAsNonRoot: true", CONTAINER_SC + ", seccompProfile: {type: Localhost, "
                                + "localhostProfile: p.json}", "")),
                arguments("procMount_restricted",
                        restricted(POD_SC, CONTAINER_SC + ", procMount: Unmasked", "  hostUsers: false"),
                        restricted(POD_SC, CONTAINER_SC + ", procMount: Default", "  hostUsers: false")),
                arguments("restrictedVolumes",
                        restricted(POD_SC, CONTAINER_SC, "  volumes: [{name: data, nfs: {server: nfs, path: /x}}]"),
                        restricted(POD_SC, CONTAINER_SC, "  volumes: [{name: scratch}]")),
                arguments("restrictedVolumes",
                        restricted(POD_SC, CONTAINER_SC, "  volumes: [{name: data, someFutureSource: {}}]"),
                        restricted(POD_SC, CONTAINER_SC, "  volumes: [{name: img, image: {reference: 'x:1'}}]")),
                arguments("restrictedVolumes",
                        restricted(POD_SC, CONTAINER_SC, "  volumes: [{name: data, nfs: {server: nfs, path: /x}}]"),
                        restricted(POD_SC, CONTAINER_SC, "  volumes: [{name: data, persistentVolumeClaim: "
                                + "{claimName: data}}, {name: t, projected: {sources: []}}, {name: e, emptyDir: {}}]")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("baselineChecks")
    void baselineCheckFailsOnViolationAndPassesCompliantSpec(String check, String violating, String compliant) {
        assertThat(PodSecurityStandards.baselineFailures(object(violating))).containsExactly(check);
        assertThat(PodSecurityStandards.baselineFailures(object(compliant))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("restrictedChecks")
    void restrictedCheckFailsOnViolationAndPassesCompliantSpec(String check, String violating, String compliant) {
        assertThat(PodSecurityStandards.baselineFailures(object(violating))).isEmpty();
        assertThat(PodSecurityStandards.restrictedFailures(object(violating), false)).containsExactly(check);
        assertThat(PodSecurityStandards.restrictedFailures(object(compliant), false)).isEmpty();
    }

    @Test
    void checkNamesAreUpstreams() {
        assertThat(PodSecurityStandards.checkNames(false)).containsExactly("privileged", "hostNamespaces",
                "hostPathVolumes", "hostPorts", "hostProbesAndHostLifecycle", "capabilities_baseline",
                "appArmorProfile", "seLinuxOptions", "procMount", "seccompProfile_baseline", "sysctls",
                "windowsHostProcess");
        assertThat(PodSecurityStandards.checkNames(true)).containsExactly("allowPrivilegeEscalation",
                "capabilities_restricted", "procMount_restricted", "runAsNonRoot", "runAsUser",
                "seccompProfile_restricted", "restrictedVolumes");
    }

    @Test
    void findsThePodInEveryWorkloadKind() {
        String template = "{spec: {containers: [{name: c, securityContext: {privileged: true}}]}}";
        for (String kind : new String[]{"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
                "ReplicationController"}) {
            assertThat(PodSecurityStandards.baselineFailures(object("{kind: " + kind + ", spec: {template: "
                    + template + "}}"))).as(kind).containsExactly("privileged");
        }
        assertThat(PodSecurityStandards.baselineFailures(object(
                "{kind: CronJob, spec: {jobTemplate: {spec: {template: " + template + "}}}}")))
                .containsExactly("privileged");
        assertThat(PodSecurityStandards.baselineFailures(object("{kind: ConfigMap, data: {a: b}}"))).isEmpty();
    }

    @Test
    void violationsNameTheContainers() {
        Object pod = object(spec("containers: [{name: a, securityContext: {privileged: true}}, {name: b, "
                + "securityContext: {privileged: true}}, {name: c}]"));
        assertThat(PodSecurityStandards.baselineViolations(pod))
                .containsEntry("privileged", "containers \"a\", \"b\" must not set securityContext.privileged=true");
    }

    @Test
    void partialEvidenceFailsOnlyOnValuesThatAreSet() {
        Object patch = object("{spec: {template: {spec: {containers: [{name: web, image: 'nginx:1.27.1'}]}}}}");
        assertThat(PodSecurityStandards.restrictedFailures(patch, true)).isEmpty();
        assertThat(PodSecurityStandards.restrictedFailures(patch, false)).containsExactly("allowPrivilegeEscalation",
                "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted");
        Object badPatch = object("{spec: {template: {spec: {containers: [{name: web, securityContext: "
                + "{runAsNonRoot: false, capabilities: {add: [SYS_PTRACE]}}}]}}}}");
        assertThat(PodSecurityStandards.restrictedFailures(badPatch, true))
                .containsExactly("capabilities_restricted", "runAsNonRoot");
    }

    @Test
    void probeHostsAreNamedWithTheirContainers() {
        Object pod = object(spec("containers: [{name: a, livenessProbe: {httpGet: {host: 169.254.169.254, port: 80}}, "
                + "lifecycle: {postStart: {httpGet: {host: evil.example, port: 80}}}}, {name: b, readinessProbe: "
                + "{tcpSocket: {host: 127.0.0.1, port: 80}}}, {name: c, livenessProbe: {httpGet: {port: 80}}}]"));
        assertThat(PodSecurityStandards.baselineViolations(pod)).containsEntry("hostProbesAndHostLifecycle",
                "containers \"a\", \"b\" use probe or lifecycle hosts \"127.0.0.1\", \"169.254.169.254\", "
                        + "\"evil.example\"");
    }

    @Test
    void aVolumeWithoutSourceIsAnEmptyDirWholeOrPatched() {
        String noSource = "  volumes: [{name: scratch}]";
        assertThat(PodSecurityStandards.restrictedFailures(object(restricted(POD_SC, CONTAINER_SC, noSource)), false))
                .isEmpty();
        Object patch = object("{spec: {template: {spec: {volumes: [{name: scratch, $patch: delete}]}}}}");
        assertThat(PodSecurityStandards.restrictedFailures(patch, true)).isEmpty();
    }

    @Test
    void userNamespacePodsAndWindowsPodsAreRelaxedAsUpstream() {
        Object userNamespace = object(spec("hostUsers: false\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n"
                + "  containers: [{name: c, securityContext: {procMount: Unmasked, runAsUser: 0, "
                + "allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}]"));
        assertThat(PodSecurityStandards.baselineFailures(userNamespace)).isEmpty();
        // since v1.35 restricted keeps the default /proc masks even in a user namespace (procMount_restricted)
        assertThat(PodSecurityStandards.restrictedFailures(userNamespace, false))
                .containsExactly("procMount_restricted");
        assertThat(PodSecurityStandards.restrictedFailures(object(spec("hostUsers: false\n  securityContext: "
                + "{seccompProfile: {type: RuntimeDefault}}\n  containers: [{name: c, securityContext: {runAsUser: 0, "
                + "allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}]")), false)).isEmpty();
        Object windows = object(spec("os: {name: windows}\n  securityContext: {runAsNonRoot: true}\n"
                + "  containers: [{name: c}]"));
        assertThat(PodSecurityStandards.restrictedFailures(windows, false)).isEmpty();
    }

    private static String spec(String fields) {
        return "kind: Pod\nspec:\n  " + fields + "\n";
    }

    private static String pod(String fields) {
        return "kind: Pod\n" + fields + "\nspec: {containers: [{name: c}]}\n";
    }

    /** A pod with the given pod-level and container-level securityContext and extra spec lines. */
    private static String restricted(String podSecurityContext, String containerSecurityContext, String extra) {
        return "kind: Pod\nspec:\n  securityContext: {" + podSecurityContext + "}\n  containers:\n"
                + "    - name: web\n      securityContext: {" + containerSecurityContext + "}\n" + extra + "\n";
    }

    private static Object object(String yaml) {
        return CelValues.fromJson(RuleFileReader.tree(yaml));
    }
}
