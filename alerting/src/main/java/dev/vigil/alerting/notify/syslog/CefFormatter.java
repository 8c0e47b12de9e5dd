package dev.vigil.alerting.notify.syslog;

import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.alerting.notify.target.Product;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.ecs.Orchestrator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ArcSight Common Event Format (CEF:0) for an alert, the payload SIEMs parse out of syslog:
 * {@code CEF:0|Vigil|Vigil|<version>|<rule id>|<rule name>|<0-10>|rt=… suser=… src=… cs1Label=cluster cs1=…}.
 * Header fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =} and line breaks, so a
 * user name or resource name from the audit event can never forge a field.
 */
final class CefFormatter {

    static final String SUMMARY_SIGNATURE = "vigil-rate-limit";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_VALUE = 1023;

    private final String version = Product.version();

    String alert(Alert alert, String link) {
        Map<String, String> ext = new LinkedHashMap<>();
        put(ext, "rt", millis(alert.timestamp()));
        if (alert.vigil() != null) {
            put(ext, "start", millis(alert.vigil().firstSeen()));
            put(ext, "end", millis(alert.vigil().lastSeen()));
            put(ext, "cnt", Long.toString(Math.max(1, alert.vigil().count())));
        }
        put(ext, "msg", alert.message());
        if (alert.user() != null) {
            put(ext, "suser", alert.user().name());
            put(ext, "duser", alert.user().target() == null ? null : alert.user().target().name());
        }
        if (alert.source() != null && alert.source().ip() != null && IP_LITERAL.matcher(alert.source().ip()).matches()) {
            put(ext, "src", alert.source().ip());
        }
        put(ext, "requestClientApplication", alert.userAgent() == null ? null : alert.userAgent().original());
        if (alert.event() != null) {
            put(ext, "act", alert.event().action());
            put(ext, "outcome", alert.event().outcome());
            put(ext, "cat", join(alert.event().category()));
            put(ext, "externalId", alert.event().id());
        }
        Orchestrator orchestrator = alert.orchestrator();
        if (orchestrator != null) {
            custom(ext, 1, "cluster", orchestrator.cluster() == null ? null : orchestrator.cluster().name());
            custom(ext, 2, "namespace", orchestrator.namespace());
            custom(ext, 3, "resource", resource(orchestrator.resource()));
        }
        custom(ext, 4, "bsi", alert.vigil() == null ? null : join(alert.vigil().bsi()));
        custom(ext, 5, "mitre", alert.threat() == null || alert.threat().technique() == null
                ? null : join(alert.threat().technique().id()));
        custom(ext, 6, "console", link);
        String ruleId = alert.rule() == null ? "unknown" : alert.rule().id();
        String ruleName = alert.rule() == null || alert.rule().name() == null ? ruleId : alert.rule().name();
        return header(ruleId, ruleName, severity(alert.severity())) + extension(ext);
    }

    String summary(HeldBackSummary summary, String link) {
        Map<String, String> ext = new LinkedHashMap<>();
        put(ext, "rt", millis(summary.until()));
        put(ext, "start", millis(summary.from()));
        put(ext, "end", millis(summary.until()));
        put(ext, "cnt", Long.toString(summary.heldBack()));
        put(ext, "msg", summary.describe());
        custom(ext, 6, "console", link);
        return header(SUMMARY_SIGNATURE, "Alerts held back by the notifier rate limit", severity(summary.highest()))
                + extension(ext);
    }

    /** CEF severity 0-10 from the Vigil severity: critical 10, high 8, medium 5, low 3, info 0. */
    static int severity(Severity severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case CRITICAL -> 10;
            case HIGH -> 8;
            case MEDIUM -> 5;
            case LOW -> 3;
            case INFO -> 0;
        };
    }

    private String header(String signature, String name, int severity) {
        return "CEF:0|" + headerField(Product.NAME) + "|" + headerField(Product.NAME) + "|" + headerField(version) + "|"
                + headerField(signature) + "|" + headerField(name) + "|" + severity + "|";
    }

    /** Header field: {@code \} and {@code |} escaped, line breaks (not allowed in the header) replaced by spaces. */
    static String headerField(String value) {
        return bounded(value).replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    /** Extension value: {@code \}, {@code =} and line breaks escaped. */
    static String extensionValue(String value) {
        return bounded(value).replace("\\", "\\\\").replace("=", "\\=")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String extension(Map<String, String> ext) {
        StringBuilder text = new StringBuilder();
        ext.forEach((key, value) -> {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(key).append('=').append(extensionValue(value));
        });
        return text.toString();
    }

    private static void put(Map<String, String> ext, String key, String value) {
        if (value != null && !value.isEmpty()) {
            ext.put(key, value);
        }
    }

    private static void custom(Map<String, String> ext, int slot, String label, String value) {
        if (value != null && !value.isEmpty()) {
            ext.put("cs" + slot + "Label", label);
            ext.put("cs" + slot, value);
        }
    }

    private static String resource(Orchestrator.Resource resource) {
        if (resource == null) {
            return null;
        }
        return (resource.type() == null ? "" : resource.type()) + (resource.name() == null ? "" : "/" + resource.name());
    }

    private static String millis(Instant instant) {
        return instant == null ? null : Long.toString(instant.toEpochMilli());
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static String bounded(String value) {
        String text = value == null ? "" : value.replaceAll("[\\p{Cntrl}&&[^\\r\\n]]", " ");
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) : text;
    }
}
