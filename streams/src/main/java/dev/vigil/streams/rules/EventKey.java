package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.RequestSummary;

/** The request attributes rules are indexed by; empty strings for what an event does not carry. */
record EventKey(String apiGroup, String resource, String subresource, String verb, String stage) {

    static EventKey of(AuditEvent event) {
        ObjectReference ref = event.objectRef();
        return new EventKey(
                ref == null ? "" : text(ref.apiGroup()),
                ref == null ? "" : text(ref.resource()),
                ref == null ? "" : text(ref.subresource()),
                text(event.verb()),
                text(event.stage()));
    }

    /** The same key as {@link #of(AuditEvent)} of any event with this summary. */
    static EventKey of(RequestSummary summary) {
        return new EventKey(summary.apiGroup(), summary.resource(), summary.subresource(), summary.verb(),
                summary.stage());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
