package dev.vigil.alerting.notify.target;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A syslog receiver (SIEM): RFC 5424 messages with a CEF payload over UDP, TCP or TLS. */
public class SyslogProperties extends TargetProperties {

    /** Host name or address of the syslog receiver. */
    @NotBlank
    private String host;

    /** Port of the syslog receiver; unset: 514 for udp and tcp, 6514 for tls. */
    @Min(1)
    @Max(65535)
    private Integer port;

    /** Transport: udp (RFC 5426), tcp (RFC 6587 octet counting) or tls (RFC 5425). */
    @NotNull
    private Protocol protocol = Protocol.TCP;

    /** The APP-NAME field of each message. */
    @NotNull
    @Pattern(regexp = "[!-~]{1,48}", message = "must be 1 to 48 printable US-ASCII characters without spaces")
    private String appName = "vigil";

    /** The syslog facility (kern, user, …, authpriv, …, local0 … local7). */
    @NotNull
    private Facility facility = Facility.LOCAL0;

    /** The HOSTNAME field of each message; unset: this machine's host name. */
    @Pattern(regexp = "[!-~]{1,255}", message = "must be 1 to 255 printable US-ASCII characters without spaces")
    private String hostname;

    /** Syslog transports. */
    public enum Protocol {
        UDP(514), TCP(514), TLS(6514);

        private final int defaultPort;

        Protocol(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    /** RFC 5424 facilities with their numeric codes. */
    public enum Facility {
        KERN, USER, MAIL, DAEMON, AUTH, SYSLOG, LPR, NEWS, UUCP, CRON, AUTHPRIV, FTP, NTP, AUDIT, ALERT, CLOCK,
        LOCAL0, LOCAL1, LOCAL2, LOCAL3, LOCAL4, LOCAL5, LOCAL6, LOCAL7;

        public int code() {
            return ordinal();
        }
    }

    /** The configured port, or the protocol's default. */
    public int effectivePort() {
        return port != null ? port : protocol.defaultPort();
    }

    @Override
    public String type() {
        return "syslog";
    }

    @Override
    public String destination() {
        return protocol.name().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + effectivePort();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public Facility getFacility() {
        return facility;
    }

    public void setFacility(Facility facility) {
        this.facility = facility;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }
}
