package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

/**
 * One event's contribution to one stateful rule, as it travels on the {@code stateful-hits} repartition topic
 * (keyed {@code <rule id>|<state key>}, so all hits of one key meet the same state, timestamped with the event time).
 *
 * @param rule    the rule id
 * @param step    the sequence step (0 or 1); 0 for the other kinds
 * @param key     the state key: the cluster and the key values, joined by {@code |}
 * @param value   the distinct value (threshold) or the combination of terms (new_terms); null otherwise
 * @param time    the event time (epoch millis)
 * @param cluster the event's cluster
 * @param auditId the event's audit id
 * @param alert   the alert this event alone would raise (message, details and envelope, redacted); the stateful
 *                processors give it its id, count and combined evidence
 */
public record StatefulHit(String rule, int step, String key, String value, long time, String cluster,
                          String auditId, Alert alert) {
}
