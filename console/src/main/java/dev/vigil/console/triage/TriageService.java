package dev.vigil.console.triage;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.console.query.AlertSearch;
import dev.vigil.model.audit.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Sets the triage of alerts: checks that they exist, keeps assignee and notes a change leaves out, stamps who and
 * when, counts false positives per rule, and tells the live streams. Logs alert ids, statuses and the user, never
 * notes.
 */
public final class TriageService {

    /** Most alerts one bulk action may change. */
    static final int MAX_BULK = 500;
    private static final Logger LOG = LoggerFactory.getLogger(TriageService.class);

    /** Published after triage changed, for the live streams. */
    public record TriageChanged(Map<String, Triage> triage) {
    }

    private record AlertFacts(String ruleId, String cluster, Instant timestamp, Long count) {
    }

    private final OpenSearchClient client;
    private final TriageStore store;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;

    public TriageService(OpenSearchClient client, TriageStore store, ApplicationEventPublisher events,
                         MeterRegistry meters, Clock clock) {
        this.client = client;
        this.store = store;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Applies one change to every alert of {@code alertIds}; the new verdicts by alert id.
     *
     * @throws NoSuchElementException naming the first id that is no alert
     */
    public Map<String, Triage> apply(List<String> alertIds, TriageChange request, String user) {
        TriageChange change = request.validated();
        List<String> ids = alertIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
        if (ids.isEmpty() || ids.size() > MAX_BULK) {
            throw new IllegalArgumentException("ids must name between 1 and " + MAX_BULK + " alerts");
        }
        Map<String, AlertFacts> alerts = alerts(ids);
        for (String id : ids) {
            if (!alerts.containsKey(id)) {
                throw new NoSuchElementException(id);
            }
        }
        Map<String, Triage> before = store.find(ids);
        Instant now = clock.instant();
        Map<String, Triage> after = new LinkedHashMap<>();
        List<TriageStore.Entry> entries = new ArrayList<>();
        for (String id : ids) {
            Triage old = before.get(id);
            AlertFacts facts = alerts.get(id);
            Triage triage = new Triage(change.status(), change.reason(),
                    keep(change.assignee(), old == null ? null : old.assignee()),
                    keep(change.notes(), old == null ? null : old.notes()), user, now, facts.count());
            entries.add(new TriageStore.Entry(id, facts.ruleId(), facts.cluster(), facts.timestamp(), triage));
            after.put(id, triage);
        }
        store.write(entries);
        for (TriageStore.Entry entry : entries) {
            Triage old = before.get(entry.alertId());
            if (entry.triage().falsePositive() && (old == null || !old.falsePositive())) {
                falsePositives(entry.ruleId()).increment();
            }
            LOG.info("Triage of alert {} set to {}{} by {}", entry.alertId(), change.status(),
                    change.reason() == null ? "" : " (" + change.reason() + ")", user);
        }
        events.publishEvent(new TriageChanged(after));
        return after;
    }

    /** A field left out keeps its value; an empty one clears it. */
    private static String keep(String given, String old) {
        if (given == null) {
            return old;
        }
        return given.isBlank() ? null : given;
    }

    private Counter falsePositives(String ruleId) {
        return Counter.builder("vigil.alerts.false.positives")
                .description("Alerts analysts closed as false positive, by rule")
                .tag("rule", ruleId == null ? "unknown" : ruleId)
                .register(meters);
    }

    private Map<String, AlertFacts> alerts(List<String> ids) {
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.search(search -> search
                .index(IndexFamily.ALERTS.pattern()).ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.ids(values -> values.values(ids)))
                .source(source -> source.filter(filter -> filter.includes("rule.id", "orchestrator.cluster.name",
                        "@timestamp", "vigil.count")))
                .size(ids.size()), JsonNode.class));
        Map<String, AlertFacts> facts = new LinkedHashMap<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            JsonNode alert = hit.source();
            if (alert == null) {
                continue;
            }
            JsonNode time = alert.path("@timestamp");
            JsonNode count = alert.path("vigil").path("count");
            facts.put(hit.id(), new AlertFacts(text(alert.path("rule").path("id")),
                    text(alert.path("orchestrator").path("cluster").path("name")),
                    time.isString() ? Timestamps.parse(time.stringValue()).orElse(null) : null,
                    count.isIntegralNumber() ? count.asLong() : null));
        }
        return facts;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }
}
