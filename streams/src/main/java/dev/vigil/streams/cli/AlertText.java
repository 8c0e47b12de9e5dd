package dev.vigil.streams.cli;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.ecs.Orchestrator;

import java.io.PrintWriter;

/** An alert as a few readable lines for a terminal: severity, rule, message, then who, what, where and dedup. */
final class AlertText {

    private AlertText() {
    }

    static void print(Alert alert, String dedupKey, PrintWriter out) {
        out.printf("%-8s %s  %s%n", alert.severity().word().toUpperCase(java.util.Locale.ROOT), alert.rule().id(),
                alert.message());
        String who = alert.user() == null ? "-" : alert.user().name();
        if (alert.user() != null && alert.user().group() != null && alert.user().group().name() != null
                && !alert.user().group().name().isEmpty()) {
            who += " (" + String.join(", ", alert.user().group().name()) + ")";
        }
        if (alert.source() != null && alert.source().ip() != null) {
            who += " from " + alert.source().ip();
        }
        Orchestrator where = alert.orchestrator();
        String what = (alert.event().action() == null ? "" : alert.event().action() + " ")
                + (where == null || where.resource() == null ? "-" : where.resource().type()
                + (where.resource().name() == null ? "" : "/" + where.resource().name()));
        String place = where == null ? "-" : "cluster " + (where.cluster() == null ? "-" : where.cluster().name())
                + (where.namespace() == null ? "" : ", namespace " + where.namespace());
        out.println("         who: " + who);
        out.println("         what: " + what + "   where: " + place);
        out.println("         hits: " + alert.vigil().count() + " (" + alert.vigil().firstSeen() + " .. "
                + alert.vigil().lastSeen() + ")   dedup key: " + dedupKey + "   id: " + alert.id());
    }
}
