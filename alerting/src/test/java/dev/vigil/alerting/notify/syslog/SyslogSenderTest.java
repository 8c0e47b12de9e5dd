package dev.vigil.alerting.notify.syslog;

import dev.vigil.alerting.notify.target.ConsoleLinks;
import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.MutableClock;
import dev.vigil.alerting.notify.target.SyslogProperties;
import dev.vigil.alerting.notify.target.SyslogProperties.Facility;
import dev.vigil.alerting.notify.target.SyslogProperties.Protocol;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.model.alert.Severity;
import org.junit.jupiter.api.Test;

import javax.net.ServerSocketFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class SyslogSenderTest {

    /** RFC 5424 §6: HEADER (PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID) SP STRUCTURED-DATA [SP MSG]. */
    static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?Z)"
            + " ([!-~]{1,255}) ([!-~]{1,48}) ([!-~]{1,128}) ([!-~]{1,32}) (-|\\[.+]) (.*)", Pattern.DOTALL);

    static final ConsoleLinks LINKS = new ConsoleLinks(URI.create("https://vigil.example.com"));
    private final MutableClock clock = new MutableClock(TestAlerts.AT.plusMillis(1_234));

    static SyslogProperties target(Protocol protocol, int port) {
        SyslogProperties target = new SyslogProperties();
        target.setName("siem");
        target.setHost("127.0.0.1");
        target.setPort(port);
        target.setProtocol(protocol);
        target.setHostname("vigil-1.example.com");
        target.setConnectTimeout(Duration.ofSeconds(2));
        target.setTimeout(Duration.ofSeconds(2));
        return target;
    }

    static Matcher rfc5424(String message) {
        Matcher matcher = RFC5424.matcher(message);
        assertThat(matcher.matches()).as("RFC 5424 message: %s", message).isTrue();
        return matcher;
    }

    @Test
    void sendsOneRfc5424MessageWithCefPerDatagramOverUdp() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.udp()) {
            SyslogProperties target = target(Protocol.UDP, receiver.port());
            try (SyslogSender sender = new SyslogSender(target, LINKS, clock)) {
                sender.send(TestAlerts.anonymousAdmin("udp-1"));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages().size() == 1);
            Matcher message = rfc5424(receiver.messages().get(0));
            assertThat(Integer.parseInt(message.group(1))).as("local0 (16) * 8 + crit (2)").isEqualTo(130);
            assertThat(message.group(2)).isEqualTo("2026-11-23T10:00:01.234Z");
            assertThat(message.group(3)).isEqualTo("vigil-1.example.com");
            assertThat(message.group(4)).isEqualTo("vigil");
            assertThat(message.group(5)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(message.group(6)).isEqualTo("alert");
            assertThat(message.group(7)).isEqualTo("-");
            CefEvent cef = CefEvent.parse(message.group(8));
            assertThat(cef.header().get(4)).isEqualTo("anonymous-admin-action");
            assertThat(cef.ext("suser")).isEqualTo("system:anonymous");
            assertThat(cef.custom("console")).isEqualTo("https://vigil.example.com/alerts/udp-1");
        }
    }

    @Test
    void priCombinesTheFacilityWithTheSeverity() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.udp()) {
            SyslogProperties target = target(Protocol.UDP, receiver.port());
            target.setFacility(Facility.AUTHPRIV);
            try (SyslogSender sender = new SyslogSender(target, LINKS, clock)) {
                sender.send(TestAlerts.alert("m", "cni-change", "CNI change", Severity.MEDIUM));
                sender.send(TestAlerts.alert("i", "long-lived-pod", "Long-lived pod", Severity.INFO));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages().size() == 2);
            assertThat(receiver.messages()).extracting(message -> Integer.parseInt(rfc5424(message).group(1)))
                    .containsExactlyInAnyOrder(10 * 8 + 4, 10 * 8 + 6);
        }
    }

    @Test
    void framesMessagesByOctetCountingOverOneTcpConnection() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.stream(ServerSocketFactory.getDefault());
             SyslogSender sender = new SyslogSender(target(Protocol.TCP, receiver.port()), LINKS, clock)) {
            sender.send(TestAlerts.hostile("tcp-1"));
            sender.send(TestAlerts.anonymousAdmin("tcp-2"));

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages().size() == 2);
            assertThat(receiver.framingErrors()).isEmpty();
            assertThat(receiver.connections()).isEqualTo(1);
            CefEvent hostile = CefEvent.parse(rfc5424(receiver.messages().get(0)).group(8));
            assertThat(hostile.ext("msg")).isEqualTo("created a=b | c\\d\nsecond line");
            assertThat(hostile.ext("suser")).isEqualTo("evil=user\\name|x <!channel> @all");
            assertThat(CefEvent.parse(rfc5424(receiver.messages().get(1)).group(8)).ext("externalId")).isEqualTo("tcp-2");
        }
    }

    @Test
    void reconnectsWhenTheReceiverClosedTheConnection() throws Exception {
        try (SyslogReceiver receiver = SyslogReceiver.stream(ServerSocketFactory.getDefault());
             SyslogSender sender = new SyslogSender(target(Protocol.TCP, receiver.port()), LINKS, clock)) {
            receiver.closeAfterEachMessage();
            sender.send(TestAlerts.anonymousAdmin("first"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages().size() == 1);

            sender.send(TestAlerts.anonymousAdmin("second"));

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages().size() == 2);
            assertThat(receiver.connections()).isEqualTo(2);
            assertThat(receiver.messages()).extracting(message -> CefEvent.parse(rfc5424(message).group(8)).ext("externalId"))
                    .containsExactly("first", "second");
        }
    }

    @Test
    void anUnreachableReceiverIsARetryableFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SyslogSender sender = new SyslogSender(target(Protocol.TCP, closedPort), LINKS, clock)) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                    () -> sender.send(TestAlerts.anonymousAdmin("x")));

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage()).startsWith("tcp://127.0.0.1:" + closedPort + ": ConnectException");
        }
    }
}
