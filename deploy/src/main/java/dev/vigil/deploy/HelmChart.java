package dev.vigil.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Path;
import java.util.List;

/**
 * Vigil's Helm chart as Helm's own engine sees it (helm-java: Helm's Go library through JNA, no {@code helm} binary):
 * {@code helm lint} and {@code helm template}, nothing that talks to a cluster.
 */
public final class HelmChart {

    /** The release name the build renders with; object names start with it. */
    public static final String RELEASE = "vigil";
    /** The namespace the build renders into. */
    public static final String NAMESPACE = "vigil";
    /** The Kubernetes version rendered for: Helm's client-only default (1.20) predates the chart's minimum. */
    public static final String KUBE_VERSION = "1.31.0";

    private final Path directory;

    public HelmChart(Path directory) {
        this.directory = directory;
    }

    /** {@code helm lint --strict} with the chart's default values. */
    public LintResult lint() {
        return new Helm(directory).lint().strict().call();
    }

    /** {@code helm template vigil CHART --namespace vigil [-f VALUES]…}: every manifest, as one YAML stream. */
    public String render(List<Path> valuesFiles) {
        TemplateCommand template = new Helm(directory).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return template.call();
    }

    public Path directory() {
        return directory;
    }
}
