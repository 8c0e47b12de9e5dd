package dev.vigil.model.kafka;

import java.util.List;

/** The topic names of the contract (design §3); the defaults can be overridden in configuration. */
public record Topics(String audit, String watch, String alerts, String evidence, String dlq) {

    public static final String AUDIT = "k8s.audit.events";
    public static final String WATCH = "k8s.watch.events";
    public static final String ALERTS = "vigil.alerts";
    public static final String EVIDENCE = "vigil.evidence";
    public static final String DLQ = "vigil.dlq";

    public static Topics defaults() {
        return new Topics(AUDIT, WATCH, ALERTS, EVIDENCE, DLQ);
    }

    public List<String> all() {
        return List.of(audit, watch, alerts, evidence, dlq);
    }
}
