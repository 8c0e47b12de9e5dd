package dev.vigil.bench.workload;

import dev.vigil.model.audit.AuditRecordCodec;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/**
 * Events of many distinct principals for the new-terms rules' state: principal {@code i} is the service account
 * {@code system:serviceaccount:team-<i % 500>:sa-<i>}, which runs a command in a pod of its namespace from a
 * source address and with a client of its own. So each event is a first-seen term for both bundled new-terms rules:
 * {@code new-exec-principal} (key user, term namespace) and {@code service-account-new-source} (key user, terms
 * source network and client) — two baselines per principal.
 */
public final class PrincipalEvents {

    static final int NAMESPACES = 500;

    private PrincipalEvents() {
    }

    /** The record (with the ingest envelope) of principal {@code i}'s exec, at {@code at}. */
    public static byte[] record(long i, Instant at, String cluster, Instant receivedAt) {
        return AuditRecordCodec.encode(event(i, at), cluster, receivedAt);
    }

    public static String auditId(long i) {
        return String.format(Locale.ROOT, "5e000000-0000-4000-8000-%012d", i);
    }

    static ObjectNode event(long i, Instant at) {
        String namespace = "team-" + (i % NAMESPACES);
        String pod = "worker-" + (i % 7);
        ObjectNode event = AuditEnvelope.base(auditId(i), "Metadata", "create", at,
                "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec?command=sh&container=main&stdin=true",
                "pods", namespace, pod, 101);
        event.withObjectProperty("objectRef").put("subresource", "exec");
        event.put("stage", "ResponseStarted");
        AuditEnvelope.user(event, "system:serviceaccount:" + namespace + ":sa-" + i, "system:serviceaccounts",
                "system:serviceaccounts:" + namespace, "system:authenticated");
        event.put("userAgent", "tool-" + (i % 20) + "/1." + (i % 10) + " (linux/amd64)");
        event.putArray("sourceIPs").add("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        return event;
    }
}
