package dev.vigil.streams.rules.cel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Subjects of OpenSSL-made certificate requests (test resources csr/, see README.txt there). */
class CertificateRequestsTest {

    @Test
    void readsOrganizationAndCommonNameFromTheBase64PemOfASpec() throws IOException {
        assertThat(CertificateRequests.subject(specRequest("masters.csr"))).isEqualTo(Map.of(
                "commonName", "backdoor-admin", "organizations", List.of("system:masters")));
        assertThat(CertificateRequests.read(specRequest("node.csr"))).isEqualTo(new CertificateRequests.Subject(
                "system:node:ip-10-0-1-23.ec2.internal", List.of("system:nodes")));
    }

    @Test
    void readsSeveralOrganizationsAndLongFormLengthsOfAnRsaRequest() throws IOException {
        assertThat(CertificateRequests.read(specRequest("jane.csr")))
                .isEqualTo(new CertificateRequests.Subject("jane", List.of("dev-team", "ops")));
    }

    @Test
    void readsUtf8NamesAndAcceptsPlainPem() throws IOException {
        assertThat(CertificateRequests.read(pem("utf8.csr")))
                .isEqualTo(new CertificateRequests.Subject("Jürgen Müller", List.of("Entwicklung")));
    }

    @Test
    void anythingElseGivesAnEmptySubject() throws IOException {
        String truncated = Base64.getEncoder().encodeToString(pem("masters.csr").substring(0, 200)
                .getBytes(StandardCharsets.US_ASCII));
        for (String garbage : new String[] {null, "", "not base64 at all!", "AAAA", truncated,
                Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n".getBytes()),
                Base64.getEncoder().encodeToString(new byte[] {0x30, (byte) 0x84, 1, 1, 1, 1})}) {
            assertThat(CertificateRequests.subject(garbage)).as(String.valueOf(garbage))
                    .isEqualTo(Map.of("commonName", "", "organizations", List.of()));
        }
    }

    /** What a CertificateSigningRequest's spec.request holds in JSON: base64 of the PEM text. */
    static String specRequest(String file) throws IOException {
        return Base64.getEncoder().encodeToString(pem(file).getBytes(StandardCharsets.US_ASCII));
    }

    private static String pem(String file) throws IOException {
        try (InputStream in = CertificateRequestsTest.class.getResourceAsStream("/csr/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
