package dev.vigil.streams.rules.cel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Image references read as the container runtime reads them, and matched against trusted sources. */
class ImageRefsTest {

    @Test
    void dockerHubIsSpelledOut() {
        assertThat(ImageRefs.repository("nginx")).isEqualTo("docker.io/library/nginx");
        assertThat(ImageRefs.repository("nginx:1.27")).isEqualTo("docker.io/library/nginx");
        assertThat(ImageRefs.repository("bitnami/kubectl:1.30")).isEqualTo("docker.io/bitnami/kubectl");
        assertThat(ImageRefs.repository("index.docker.io/library/busybox")).isEqualTo("docker.io/library/busybox");
    }

    @Test
    void registriesHaveADotAColonOrAreLocalhost() {
        assertThat(ImageRefs.repository("registry.k8s.io/kube-proxy:v1.30.2")).isEqualTo("registry.k8s.io/kube-proxy");
        assertThat(ImageRefs.repository("Registry.Example.com:5000/team/app@sha256:0123"))
                .isEqualTo("registry.example.com:5000/team/app");
        assertThat(ImageRefs.repository("localhost/app:dev")).isEqualTo("localhost/app");
        assertThat(ImageRefs.repository("")).isEmpty();
    }

    @Test
    void tagsAndDigests() {
        assertThat(ImageRefs.tag("nginx")).isEmpty();
        assertThat(ImageRefs.tag("nginx:latest")).isEqualTo("latest");
        assertThat(ImageRefs.tag("registry.example.com:5000/app")).as("a port is no tag").isEmpty();
        assertThat(ImageRefs.tag("registry.example.com:5000/app:2.1")).isEqualTo("2.1");
        assertThat(ImageRefs.tag("nginx:1.27@sha256:abcd")).as("pinned by digest").isEmpty();
    }

    @Test
    void sourcesMatchWholePathParts() {
        List<String> trusted = List.of("registry.example.com", "ghcr.io/acme/", "docker.io/library",
                "*.dkr.ecr.eu-central-1.amazonaws.com");
        assertThat(ImageRefs.from("registry.example.com/shop/web:3.1", trusted)).isTrue();
        assertThat(ImageRefs.from("ghcr.io/acme/tool:1", trusted)).isTrue();
        assertThat(ImageRefs.from("nginx:1.27", trusted)).as("an official Docker Hub image").isTrue();
        assertThat(ImageRefs.from("123456789012.dkr.ecr.eu-central-1.amazonaws.com/api:7", trusted)).isTrue();
        assertThat(ImageRefs.from("ghcr.io/acme-evil/tool:1", trusted)).isFalse();
        assertThat(ImageRefs.from("registry.example.com.evil.io/shop/web", trusted)).isFalse();
        assertThat(ImageRefs.from("bitnami/kubectl", trusted)).isFalse();
        assertThat(ImageRefs.from("", trusted)).isFalse();
        assertThat(ImageRefs.from("nginx", List.of())).isFalse();
    }
}
