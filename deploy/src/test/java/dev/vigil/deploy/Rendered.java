package dev.vigil.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rendering of the chart: the YAML Helm produced and every manifest in it, deserialised by fabric8's Kubernetes
 * model into its typed class (kind and apiVersion pick the class, as a client applying the file would).
 */
record Rendered(String name, String yaml, List<String> documents, List<HasMetadata> objects) {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Rendered> CACHE = new LinkedHashMap<>();

    /** The chart as the build renders it, from {@code vigil.chart} (set by the pom) or the module directory. */
    static HelmChart chart() {
        return new HelmChart(Path.of(System.getProperty("vigil.chart", "helm/vigil")).toAbsolutePath());
    }

    static Path valuesFile(String name) {
        return Path.of(System.getProperty("vigil.test.values", "src/test/resources/values"), name).toAbsolutePath();
    }

    /** The chart's default values. */
    static Rendered defaults() {
        return with();
    }

    /** The chart with these files of {@code src/test/resources/values} over its defaults (cached: Helm is slow). */
    static synchronized Rendered with(String... valuesFiles) {
        String key = valuesFiles.length == 0 ? "default values" : String.join(" + ", valuesFiles);
        return CACHE.computeIfAbsent(key, k -> parse(k, chart().render(
                Arrays.stream(valuesFiles).map(Rendered::valuesFile).toList())));
    }

    static Rendered parse(String name, String yaml) {
        List<String> documents = new ArrayList<>();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            documents.add(document);
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return new Rendered(name, yaml, documents, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " in the rendering with " + this.name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    /** Every workload's pod template by workload (Deployments and StatefulSets: all the chart renders). */
    Map<HasMetadata, PodTemplateSpec> podTemplates() {
        Map<HasMetadata, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class).forEach(deployment -> templates.put(deployment, deployment.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(set -> templates.put(set, set.getSpec().getTemplate()));
        return templates;
    }

    /** The pod template of one role's workload ({@code vigil-<role>}). */
    PodTemplateSpec podTemplate(String role) {
        return podTemplates().entrySet().stream()
                .filter(entry -> entry.getKey().getMetadata().getName().equals(HelmChart.RELEASE + "-" + role))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workload for role " + role + " with " + name));
    }

    /** The environment of one role's container, by name. */
    Map<String, EnvVar> environment(String role) {
        Container container = podTemplate(role).getSpec().getContainers().get(0);
        Map<String, EnvVar> environment = new LinkedHashMap<>();
        container.getEnv().forEach(variable -> {
            if (environment.put(variable.getName(), variable) != null) {
                throw new AssertionError(role + " sets " + variable.getName() + " twice with " + name);
            }
        });
        return environment;
    }

    @Override
    public String toString() {
        return name;
    }
}
