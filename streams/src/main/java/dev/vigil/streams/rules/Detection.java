package dev.vigil.streams.rules;

import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditRecord;
import tools.jackson.databind.JsonNode;

/**
 * One rule firing on one audit event, before dedup: the topology turns it into an alert whose id is derived
 * from the rule id, {@code dedupKey} and the dedup window the event time falls in.
 *
 * @param severity the severity of this hit (a rule may raise its default, e.g. deletes are high)
 * @param details  rule-specific facts for {@code vigil.evidence.details} (failed PSS checks, pod name, …)
 */
public record Detection(RuleMeta rule, Severity severity, String dedupKey, String message, JsonNode details,
                        AuditRecord record) {
}
