package dev.vigil.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Helm renders, read back through fabric8's Kubernetes model: every object deserialises to the typed class of
 * its kind with the fields that kind needs, and the objects fit together (selectors find pods, ports and volumes
 * are defined where they are named, every ServiceAccount and Secret reference is complete).
 */
class ChartManifestsTest {

    private static final List<String> ROLES = List.of("ingest", "streams", "alerting", "console", "watcher");

    static Stream<Rendered> renderings() {
        return Stream.of(Rendered.defaults(), Rendered.with("production.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyObjectIsTheTypedClassOfItsKind(Rendered rendered) {
        assertThat(rendered.objects()).isNotEmpty().hasSameSizeAs(rendered.documents());
        for (HasMetadata object : rendered.objects()) {
            assertThat(object).as(object.getKind() + " " + object.getMetadata().getName())
                    .isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(object.getClass().getSimpleName()).isEqualTo(object.getKind());
            assertThat(object.getApiVersion()).isNotBlank();
            assertThat(object.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "vigil")
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
        }
    }

    @Test
    void defaultValuesRenderOneWorkloadServiceAccountBudgetAndPolicyPerRole() {
        Rendered rendered = Rendered.defaults();

        assertThat(rendered.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("vigil-ingest", "vigil-alerting", "vigil-console", "vigil-watcher");
        assertThat(rendered.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactly("vigil-streams");
        for (Class<? extends HasMetadata> perRole : List.of(ServiceAccount.class, PodDisruptionBudget.class,
                NetworkPolicy.class, Service.class)) {
            assertThat(rendered.all(perRole)).extracting(o -> o.getMetadata().getName())
                    .as(perRole.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(ROLES.stream().map(role -> "vigil-" + role).toList());
        }
        assertThat(rendered.all(ClusterRole.class)).hasSize(1);
        assertThat(rendered.all(ClusterRoleBinding.class)).hasSize(1);
        assertThat(rendered.all(Ingress.class)).isEmpty();
        // No Prometheus operator in a client-only rendering: no ServiceMonitor.
        assertThat(rendered.yaml()).doesNotContain("kind: ServiceMonitor");
    }

    @Test
    void productionValuesAddTheIngressesAndTheApiServerFiles() {
        Rendered rendered = Rendered.with("production.yaml");

        assertThat(rendered.all(Ingress.class)).extracting(i -> i.getMetadata().getName())
                .containsExactlyInAnyOrder("vigil-ingest", "vigil-console");
        assertThat(rendered.one(Service.class, "vigil-ingest").getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(rendered.one(Deployment.class, "vigil-ingest").getSpec().getReplicas()).isEqualTo(3);
        assertThat(rendered.one(StatefulSet.class, "vigil-streams").getSpec().getReplicas()).isEqualTo(3);
        assertThat(rendered.one(PodDisruptionBudget.class, "vigil-ingest").getSpec().getMinAvailable())
                .isEqualTo(new IntOrString(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void workloadsSelectTheirOwnPodsRunTheBuiltImageAndProbeEveryContainer(Rendered rendered) {
        String image = rendered.name().contains("production") ? "registry.example.com/security/vigil:0.1.0"
                : "vigil:" + System.getProperty("vigil.version", "0.1.0-SNAPSHOT");
        rendered.podTemplates().forEach((workload, template) -> {
            String name = workload.getMetadata().getName();
            Map<String, String> selector = workload instanceof Deployment deployment
                    ? deployment.getSpec().getSelector().getMatchLabels()
                    : ((StatefulSet) workload).getSpec().getSelector().getMatchLabels();
            assertThat(template.getMetadata().getLabels()).as(name).containsAllEntriesOf(selector);
            PodSpec pod = template.getSpec();
            assertThat(pod.getContainers()).as(name).isNotEmpty();
            for (Container container : pod.getContainers()) {
                assertThat(container.getImage()).as(name).isEqualTo(image);
                List<String> ports = container.getPorts().stream().map(ContainerPort::getName).toList();
                for (Probe probe : Stream.of(container.getLivenessProbe(), container.getReadinessProbe(),
                        container.getStartupProbe()).toList()) {
                    assertThat(probe).as(name + " probes").isNotNull();
                    assertThat(probe.getHttpGet().getPath()).startsWith("/actuator/health/");
                    assertThat(ports).as(name + " probe port").contains(probe.getHttpGet().getPort().getStrVal());
                }
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
                assertMountsAreDefined(rendered, workload, pod, container);
                assertSecretReferencesAreComplete(name, container.getEnv());
            }
            assertThat(rendered.find(ServiceAccount.class, pod.getServiceAccountName())).as(name).isPresent();
        });
    }

    private static void assertMountsAreDefined(Rendered rendered, HasMetadata workload, PodSpec pod,
                                               Container container) {
        List<String> volumes = new ArrayList<>(pod.getVolumes().stream().map(Volume::getName).toList());
        if (workload instanceof StatefulSet set) {
            set.getSpec().getVolumeClaimTemplates().forEach(claim -> volumes.add(claim.getMetadata().getName()));
        }
        assertThat(container.getVolumeMounts()).extracting(VolumeMount::getName)
                .as(workload.getMetadata().getName() + " mounts (" + rendered + ")")
                .allMatch(volumes::contains)
                .doesNotHaveDuplicates();
        assertThat(volumes).as(workload.getMetadata().getName() + " volumes").doesNotHaveDuplicates();
    }

    private static void assertSecretReferencesAreComplete(String name, List<EnvVar> environment) {
        environment.stream()
                .filter(variable -> variable.getValueFrom() != null)
                .forEach(variable -> {
                    var reference = variable.getValueFrom().getSecretKeyRef();
                    assertThat(reference).as(name + " " + variable.getName() + " comes from a Secret").isNotNull();
                    assertThat(reference.getName()).as(name + " " + variable.getName()).isNotBlank();
                    assertThat(reference.getKey()).as(name + " " + variable.getName()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void servicesBudgetsAndPoliciesSelectExactlyOneRolesPodsAndNameItsPorts(Rendered rendered) {
        for (Service service : rendered.all(Service.class)) {
            PodTemplateSpec pods = selected(rendered, service.getSpec().getSelector());
            List<String> ports = containerPorts(pods);
            service.getSpec().getPorts().forEach(port ->
                    assertThat(ports).as("Service " + service.getMetadata().getName()).contains(port.getTargetPort().getStrVal()));
        }
        for (PodDisruptionBudget budget : rendered.all(PodDisruptionBudget.class)) {
            selected(rendered, budget.getSpec().getSelector().getMatchLabels());
        }
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            PodTemplateSpec pods = selected(rendered, policy.getSpec().getPodSelector().getMatchLabels());
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            policy.getSpec().getIngress().stream().flatMap(rule -> rule.getPorts().stream())
                    .map(NetworkPolicyPort::getPort)
                    .filter(port -> port.getStrVal() != null)
                    .forEach(port -> assertThat(containerPorts(pods)).as("NetworkPolicy " + policy.getMetadata().getName())
                            .contains(port.getStrVal()));
            assertThat(policy.getSpec().getEgress()).as("egress rules").isNotEmpty();
        }
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                var backend = path.getBackend().getService();
                Service service = rendered.one(Service.class, backend.getName());
                assertThat(service.getSpec().getPorts()).extracting(port -> port.getName())
                        .contains(backend.getPort().getName());
            }));
        }
        for (ClusterRoleBinding binding : rendered.all(ClusterRoleBinding.class)) {
            assertThat(rendered.find(ClusterRole.class, binding.getRoleRef().getName())).isPresent();
            binding.getSubjects().forEach(subject -> {
                assertThat(subject.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
                assertThat(rendered.find(ServiceAccount.class, subject.getName())).isPresent();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void streamsKeepTheirStateOnTheVolumeClaimBehindAHeadlessService(Rendered rendered) {
        StatefulSet streams = rendered.one(StatefulSet.class, "vigil-streams");
        Service governing = rendered.one(Service.class, streams.getSpec().getServiceName());
        Container container = streams.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(streams.getSpec().getVolumeClaimTemplates()).extracting(claim -> claim.getMetadata().getName())
                .containsExactly("data");
        assertThat(container.getVolumeMounts()).anyMatch(mount -> mount.getName().equals("data")
                && mount.getMountPath().equals("/var/lib/vigil"));
        assertThat(rendered.environment("streams").get("VIGIL_STREAMS_STATE_DIR").getValue()).startsWith("/var/lib/vigil/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void onlyTheWatcherMountsAServiceAccountToken(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> assertThat(template.getSpec().getAutomountServiceAccountToken())
                .as(workload.getMetadata().getName())
                .isEqualTo(workload.getMetadata().getName().equals("vigil-watcher")));
        rendered.all(ServiceAccount.class).forEach(account -> assertThat(account.getAutomountServiceAccountToken())
                .as(account.getMetadata().getName())
                .isEqualTo(account.getMetadata().getName().equals("vigil-watcher")));
        assertThat(rendered.one(Deployment.class, "vigil-watcher").getSpec().getReplicas()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyPodRunsRestrictedWithAReadOnlyRootAndAWritableTmp(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> {
            String name = workload.getMetadata().getName();
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(10001L);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getVolumes()).as(name).anyMatch(volume -> volume.getName().equals("tmp") && volume.getEmptyDir() != null);
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(container.getVolumeMounts()).as(name).anyMatch(mount -> mount.getMountPath().equals("/tmp"));
            }
        });
    }

    private static PodTemplateSpec selected(Rendered rendered, Map<String, String> selector) {
        List<PodTemplateSpec> matching = rendered.podTemplates().values().stream()
                .filter(template -> template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        assertThat(matching).as("pods selected by " + selector + " (" + rendered + ")").hasSize(1);
        return matching.get(0);
    }

    private static List<String> containerPorts(PodTemplateSpec pods) {
        return pods.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getName).filter(Objects::nonNull).toList();
    }
}
