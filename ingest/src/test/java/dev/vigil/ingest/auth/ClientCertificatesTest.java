package dev.vigil.ingest.auth;

import dev.vigil.ingest.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCertificatesTest {

    @Test
    void mapsTheCommonNameOfTheLeafCertificate(@TempDir Path dir) {
        X509Certificate apiserver = TestCertificates.certificate(
                new TestCertificates(dir).keyStore("apiserver", "kube-apiserver.prod-1"), "apiserver");
        ClientCertificates certificates = new ClientCertificates(
                Map.of("kube-apiserver.prod-1", List.of("prod-1", "prod-1-canary")));

        assertThat(ClientCertificates.commonName(apiserver)).hasValue("kube-apiserver.prod-1");
        assertThat(certificates.authenticate(new X509Certificate[] {apiserver})).hasValueSatisfying(principal -> {
            assertThat(principal.name()).isEqualTo("cert:kube-apiserver.prod-1");
            assertThat(principal.clusters()).containsExactly("prod-1", "prod-1-canary");
        });
        assertThat(new ClientCertificates(Map.of("other", List.of("x"))).authenticate(
                new X509Certificate[] {apiserver})).isEmpty();
        assertThat(certificates.authenticate(null)).isEmpty();
        assertThat(certificates.authenticate(new X509Certificate[0])).isEmpty();
    }
}
