package dev.vigil.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server's side, rendered when {@code apiServerAudit.enabled}: the audit policy is the one
 * {@code docs/kube-apiserver.md} documents, and the webhook kubeconfig points at Vigil's webhook without carrying a
 * token.
 */
class ApiServerAuditTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void notRenderedByDefault() {
        assertThat(Rendered.defaults().all(ConfigMap.class)).isEmpty();
    }

    @Test
    void policyIsTheDocumentedOne() throws IOException {
        ConfigMap files = Rendered.with("production.yaml").one(ConfigMap.class, "vigil-apiserver-audit");
        Path guide = Path.of(System.getProperty("vigil.chart", "helm/vigil")).toAbsolutePath()
                .resolve("../../../docs/kube-apiserver.md").normalize();
        Matcher block = Pattern.compile("```yaml\n(apiVersion: audit\\.k8s\\.io/v1\nkind: Policy\n.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(guide));
        assertThat(block.find()).as("the policy in " + guide).isTrue();

        JsonNode rendered = YAML.readTree(files.getData().get("policy.yaml"));

        assertThat(rendered).isEqualTo(YAML.readTree(block.group(1)));
        assertThat(rendered.required("rules").size()).isGreaterThan(5);
    }

    @Test
    void webhookKubeconfigPointsAtTheIngressAndReadsTheTokenFromAFile() {
        ConfigMap files = Rendered.with("production.yaml").one(ConfigMap.class, "vigil-apiserver-audit");

        JsonNode kubeconfig = YAML.readTree(files.getData().get("vigil-webhook.kubeconfig"));

        assertThat(kubeconfig.at("/clusters/0/cluster/server").asString())
                .isEqualTo("https://vigil-ingest.example.com/v1/audit/prod-1");
        assertThat(kubeconfig.at("/clusters/0/cluster/certificate-authority").asString()).startsWith("/etc/kubernetes/audit/");
        assertThat(kubeconfig.at("/users/0/user/tokenFile").asString()).isEqualTo("/etc/kubernetes/audit/vigil-token");
        assertThat(kubeconfig.at("/users/0/user").has("token")).isFalse();
        assertThat(kubeconfig.at("/current-context").asString()).isEqualTo("vigil");
    }
}
