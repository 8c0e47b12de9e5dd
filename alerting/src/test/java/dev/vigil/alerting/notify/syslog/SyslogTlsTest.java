package dev.vigil.alerting.notify.syslog;

import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.MutableClock;
import dev.vigil.alerting.notify.target.SyslogProperties;
import dev.vigil.alerting.notify.target.SyslogProperties.Protocol;
import dev.vigil.alerting.notify.TestAlerts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Syslog over TLS (RFC 5425) against a real TLS server whose certificate the JDK's keytool makes for this test. */
class SyslogTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Path caFile;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keyStore = dir.resolve("server.p12");
        caFile = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "syslog", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "syslog", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", caFile.toString());
    }

    private static void keytool(String... arguments) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], output).isZero();
    }

    private static ServerSocketFactory tlsServer() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context.getServerSocketFactory();
    }

    @Test
    void deliversOctetCountedMessagesToAReceiverTrustedThroughTheCaFile() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.stream(tlsServer())) {
            SyslogProperties target = SyslogSenderTest.target(Protocol.TLS, receiver.port());
            target.setCaFile(caFile);
            try (SyslogSender sender = new SyslogSender(target, SyslogSenderTest.LINKS, new MutableClock(TestAlerts.AT))) {
                sender.send(TestAlerts.anonymousAdmin("tls-1"));
                sender.send(TestAlerts.anonymousAdmin("tls-2"));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages().size() == 2);
            assertThat(receiver.framingErrors()).isEmpty();
            assertThat(receiver.messages()).extracting(message ->
                            CefEvent.parse(SyslogSenderTest.rfc5424(message).group(8)).ext("externalId"))
                    .containsExactly("tls-1", "tls-2");
        }
    }

    @Test
    void refusesAReceiverWhoseCertificateTheJvmTrustStoreDoesNotTrust() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.stream(tlsServer())) {
            SyslogProperties target = SyslogSenderTest.target(Protocol.TLS, receiver.port());
            try (SyslogSender sender = new SyslogSender(target, SyslogSenderTest.LINKS, new MutableClock(TestAlerts.AT))) {
                DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                        () -> sender.send(TestAlerts.anonymousAdmin("untrusted")));

                assertThat(failure.retryable()).isTrue();
                assertThat(failure.getMessage()).startsWith("tls://127.0.0.1:" + receiver.port() + ": SSLHandshakeException");
            }
            assertThat(receiver.messages()).isEmpty();
        }
    }
}
