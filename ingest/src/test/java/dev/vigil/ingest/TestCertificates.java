package dev.vigil.ingest;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-signed certificates for TLS tests, made with the JDK's own {@code keytool} (no test-only crypto library):
 * a server key store for 127.0.0.1, client key stores by CN, and the trust stores that connect them.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code <alias>.p12} with a key pair and a self-signed certificate for {@code CN=<cn>}. */
    public Path keyStore(String alias, String cn, String... extensions) {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + cn + ",O=Vigil Test", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        for (String extension : extensions) {
            args.add("-ext");
            args.add(extension);
        }
        keytool(args);
        return store;
    }

    /** Creates {@code <name>.p12} trusting the certificates of the given key stores (aliases = file names). */
    public Path trustStore(String name, Path... keyStores) {
        Path trust = dir.resolve(name + ".p12");
        for (Path keyStore : keyStores) {
            String alias = keyStore.getFileName().toString().replace(".p12", "");
            Path certificate = dir.resolve(alias + ".crt");
            if (!Files.exists(certificate)) {
                keytool(List.of("-exportcert", "-alias", alias, "-keystore", keyStore.toString(),
                        "-storepass", PASSWORD, "-file", certificate.toString()));
            }
            keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                    "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        }
        return trust;
    }

    public static X509Certificate certificate(Path keyStore, String alias) {
        try {
            return (X509Certificate) load(keyStore).getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context presenting {@code keyStore} (may be null) and trusting {@code trustStore}. */
    public static SSLContext sslContext(Path keyStore, Path trustStore) {
        try {
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore), PASSWORD.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + path, e);
        }
    }

    private static void keytool(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + args.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
