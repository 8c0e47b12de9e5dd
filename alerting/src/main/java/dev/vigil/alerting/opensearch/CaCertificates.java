package dev.vigil.alerting.opensearch;

import org.apache.hc.core5.ssl.SSLContextBuilder;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** A TLS context that trusts exactly the CA certificates of one PEM file (a private CA of the OpenSearch cluster). */
final class CaCertificates {

    private CaCertificates() {
    }

    static SSLContext sslContext(Path pemFile) {
        try {
            return SSLContextBuilder.create().loadTrustMaterial(trustStore(pemFile), null).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + pemFile, e);
        }
    }

    static KeyStore trustStore(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pemFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("vigil-opensearch-ca-" + i++, certificate);
            }
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA certificate file " + pemFile + ": "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate file: " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
