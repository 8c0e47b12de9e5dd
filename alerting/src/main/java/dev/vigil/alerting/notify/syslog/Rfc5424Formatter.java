package dev.vigil.alerting.notify.syslog;

import dev.vigil.model.alert.Severity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 5424 syslog message: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG} with
 * PRI = facility · 8 + severity, a UTC timestamp with milliseconds, no structured data, and the MSG as UTF-8 text
 * without a BOM (MSG-ANY: CEF parsers expect {@code CEF:0} first).
 */
final class Rfc5424Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String NIL = "-";

    private final int facility;
    private final String hostname;
    private final String appName;
    private final String procId;

    Rfc5424Formatter(int facility, String hostname, String appName) {
        this.facility = facility;
        this.hostname = field(hostname, 255);
        this.appName = field(appName, 48);
        this.procId = Long.toString(ProcessHandle.current().pid());
    }

    String format(int severity, Instant timestamp, String msgId, String message) {
        int pri = facility * 8 + severity;
        return "<" + pri + ">1 " + TIMESTAMP.format(timestamp) + " " + hostname + " " + appName + " " + procId + " "
                + field(msgId, 32) + " " + NIL + " " + message;
    }

    /** Syslog severity of a Vigil severity: critical 2 (crit), high 3 (err), medium 4 (warning), low 5 (notice), info 6. */
    static int severity(Severity severity) {
        if (severity == null) {
            return 6;
        }
        return switch (severity) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW -> 5;
            case INFO -> 6;
        };
    }

    /** A header field: printable US-ASCII without spaces, bounded, or the NILVALUE. */
    private static String field(String value, int maxLength) {
        if (value == null) {
            return NIL;
        }
        String printable = value.replaceAll("[^!-~]", "");
        if (printable.isEmpty()) {
            return NIL;
        }
        return printable.length() > maxLength ? printable.substring(0, maxLength) : printable;
    }
}
