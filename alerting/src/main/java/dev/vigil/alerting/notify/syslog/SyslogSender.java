package dev.vigil.alerting.notify.syslog;

import dev.vigil.alerting.notify.target.AlertSender;
import dev.vigil.alerting.notify.target.ConsoleLinks;
import dev.vigil.alerting.notify.target.DeliveryException;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.SyslogProperties;
import dev.vigil.alerting.tls.PemTrust;
import dev.vigil.model.alert.Alert;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Syslog notifier for SIEMs: each alert as one RFC 5424 message whose MSG is a CEF event, over UDP, TCP or TLS.
 * Connection errors are retryable; the connection is re-opened on the next attempt.
 */
public final class SyslogSender implements AlertSender {

    private final Rfc5424Formatter syslog;
    private final CefFormatter cef = new CefFormatter();
    private final SyslogTransport transport;
    private final ConsoleLinks links;
    private final Clock clock;
    private final String destination;

    public SyslogSender(SyslogProperties target, ConsoleLinks links, Clock clock) {
        this.syslog = new Rfc5424Formatter(target.getFacility().code(),
                target.getHostname() != null ? target.getHostname() : localHostName(), target.getAppName());
        this.transport = transport(target);
        this.links = links;
        this.clock = clock;
        this.destination = target.destination();
    }

    private static SyslogTransport transport(SyslogProperties target) {
        int port = target.effectivePort();
        return switch (target.getProtocol()) {
            case UDP -> new UdpTransport(target.getHost(), port);
            case TCP -> new StreamTransport(SocketFactory.getDefault(), false, target.getHost(), port,
                    target.getConnectTimeout(), target.getTimeout());
            case TLS -> new StreamTransport(PemTrust.sslContext(target.getCaFile()).getSocketFactory(), true,
                    target.getHost(), port, target.getConnectTimeout(), target.getTimeout());
        };
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        String message = syslog.format(Rfc5424Formatter.severity(alert.severity()), clock.instant(), "alert",
                cef.alert(alert, links.alert(alert.id())));
        write(message);
    }

    @Override
    public void sendSummary(HeldBackSummary summary) throws DeliveryException {
        String message = syslog.format(Rfc5424Formatter.severity(summary.highest()), clock.instant(), "summary",
                cef.summary(summary, links.alerts()));
        write(message);
    }

    private void write(String message) throws DeliveryException {
        try {
            transport.send(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DeliveryException.retryable(destination + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
