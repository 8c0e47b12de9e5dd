package dev.vigil.streams.cli;

import dev.vigil.model.alert.Alert;
import dev.vigil.streams.alerts.AlertCandidate;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.Detection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts a set of detections becomes, built by the topology's own {@link AlertFactory} (same ids, redaction
 * and contract shape) and deduplicated the way the topology does it: a hit whose alert id (rule, cluster, dedup
 * key, window) was seen updates that alert's count and last_seen.
 */
final class OfflineAlerts {

    private final AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(),
            Duration.ofHours(1));
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, String> dedupKeys = new LinkedHashMap<>();
    private long hits;

    void add(List<Detection> detections) {
        List<AlertCandidate> candidates = factory.candidates(detections);
        for (int i = 0; i < candidates.size(); i++) {
            hits++;
            Alert alert = candidates.get(i).alert();
            dedupKeys.putIfAbsent(alert.id(), detections.get(i).dedupKey());
            alerts.merge(alert.id(), alert, (seen, again) -> seen.repeated(again.timestamp(),
                    again.vigil().evidence().auditIds().isEmpty() ? null : again.vigil().evidence().auditIds().get(0)));
        }
    }

    /**
     * Emissions of the stateful rules (from {@code OfflineStateful}): a later emission of the same id is that alert
     * updated (a higher count), so it replaces the earlier one, as the indexer overwrites one document.
     */
    void addStateful(List<Alert> emitted) {
        for (Alert alert : emitted) {
            hits++;
            dedupKeys.putIfAbsent(alert.id(), "(" + alert.rule().id() + " state)");
            alerts.put(alert.id(), alert);
        }
    }

    List<Alert> alerts() {
        return new ArrayList<>(alerts.values());
    }

    /** The rule's dedup key an alert was raised for. */
    String dedupKey(Alert alert) {
        return dedupKeys.get(alert.id());
    }

    long hits() {
        return hits;
    }
}
