package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.target.ChatProperties;
import dev.vigil.alerting.notify.target.ChatProperties.Flavor;
import dev.vigil.alerting.notify.target.HeldBackSummary;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.Orchestrator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The chat message of an alert, for an analyst's first look: severity and rule, who, what, where, and the console
 * link. Every value taken from the audit event is attacker-controlled (user names, user agents, resource names), so
 * it is put in a code span with backticks and line breaks removed, and {@code & < >} escaped for Slack: no value can
 * add formatting, links or mentions such as {@code <!channel>} or {@code @all}.
 */
final class ChatText {

    private static final int MAX_VALUE = 300;

    private final Flavor flavor;

    ChatText(Flavor flavor) {
        this.flavor = flavor;
    }

    String alert(Alert alert, String link) {
        Severity severity = alert.severity() == null ? Severity.INFO : alert.severity();
        List<String> lines = new ArrayList<>();
        String rule = alert.rule() == null ? "unknown rule" : alert.rule().name() == null ? alert.rule().id() : alert.rule().name();
        String ruleId = alert.rule() == null ? null : alert.rule().id();
        lines.add(bold("[" + severity.word().toUpperCase(Locale.ROOT) + "] " + escape(plain(rule)))
                + (ruleId == null ? "" : " (" + code(ruleId) + ")"));
        if (alert.message() != null) {
            lines.add(code(alert.message()));
        }
        lines.add(bold("Who:") + " " + who(alert));
        lines.add(bold("What:") + " " + what(alert));
        lines.add(bold("Where:") + " " + where(alert.orchestrator()));
        String refs = references(alert);
        if (!refs.isEmpty()) {
            lines.add(bold("Refs:") + " " + refs);
        }
        lines.add(bold("Seen:") + " " + seen(alert));
        lines.add(bold("Alert:") + " " + link);
        return String.join("\n", lines);
    }

    String summary(HeldBackSummary summary, String consoleAlerts) {
        StringJoiner rules = new StringJoiner(", ");
        summary.byRule().forEach((rule, count) -> rules.add(code(rule) + " ×" + count));
        return bold("[RATE LIMIT] Vigil held back " + summary.heldBack() + " alert" + (summary.heldBack() == 1 ? "" : "s"))
                + " for this channel (limit " + summary.limit() + " per " + summary.period() + ") between "
                + summary.from() + " and " + summary.until() + ", highest severity "
                + summary.highest().word() + ": " + rules + "\n" + bold("Alerts:") + " " + consoleAlerts;
    }

    private String who(Alert alert) {
        EcsUser user = alert.user();
        StringBuilder who = new StringBuilder(user == null || user.name() == null ? "unknown principal" : code(user.name()));
        if (user != null && user.group() != null && !user.group().name().isEmpty()) {
            who.append(" (groups ").append(codes(user.group().name())).append(")");
        }
        if (user != null && user.target() != null && user.target().name() != null) {
            who.append(" as ").append(code(user.target().name()));
        }
        if (alert.source() != null && alert.source().ip() != null) {
            who.append(" from ").append(code(alert.source().ip()));
        }
        if (alert.userAgent() != null && alert.userAgent().original() != null) {
            who.append(" using ").append(code(alert.userAgent().original()));
        }
        return who.toString();
    }

    private String what(Alert alert) {
        List<String> parts = new ArrayList<>();
        if (alert.event() != null && alert.event().action() != null) {
            parts.add(code(alert.event().action()));
        }
        Orchestrator.Resource resource = alert.orchestrator() == null ? null : alert.orchestrator().resource();
        if (resource != null) {
            parts.add(code((resource.type() == null ? "" : resource.type()) + (resource.name() == null ? "" : "/" + resource.name())));
        }
        if (alert.orchestrator() != null && alert.orchestrator().apiVersion() != null) {
            parts.add("(" + code(alert.orchestrator().apiVersion()) + ")");
        }
        return parts.isEmpty() ? "see the alert" : String.join(" ", parts);
    }

    private String where(Orchestrator orchestrator) {
        if (orchestrator == null) {
            return "unknown cluster";
        }
        String cluster = orchestrator.cluster() == null || orchestrator.cluster().name() == null
                ? "unknown" : orchestrator.cluster().name();
        return "cluster " + code(cluster) + (orchestrator.namespace() == null ? "" : ", namespace " + code(orchestrator.namespace()));
    }

    private String references(Alert alert) {
        List<String> refs = new ArrayList<>();
        if (alert.vigil() != null && alert.vigil().bsi() != null && !alert.vigil().bsi().isEmpty()) {
            refs.add("BSI " + codes(alert.vigil().bsi()));
        }
        if (alert.threat() != null && alert.threat().technique() != null && alert.threat().technique().id() != null) {
            refs.add(escape("MITRE ATT&CK") + " " + codes(alert.threat().technique().id()));
        }
        return String.join(" · ", refs);
    }

    private String seen(Alert alert) {
        if (alert.vigil() == null) {
            return String.valueOf(alert.timestamp());
        }
        long count = Math.max(1, alert.vigil().count());
        Instant first = alert.vigil().firstSeen() != null ? alert.vigil().firstSeen() : alert.timestamp();
        return count == 1 ? "at " + first : count + "× between " + first + " and " + alert.vigil().lastSeen();
    }

    private String bold(String text) {
        return flavor == Flavor.SLACK ? "*" + text + "*" : "**" + text + "**";
    }

    private String codes(List<String> values) {
        StringJoiner joined = new StringJoiner(", ");
        values.forEach(value -> joined.add(code(value)));
        return joined.toString();
    }

    /** An untrusted value as an inert code span: one line, no backticks, bounded, Slack control characters escaped. */
    String code(String value) {
        String text = plain(value).replace('`', '\'');
        return "`" + escape(text) + "`";
    }

    private static String plain(String value) {
        String text = value == null ? "" : value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text;
    }

    private String escape(String text) {
        return flavor == Flavor.SLACK ? text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : text;
    }
}
