package dev.vigil.console.triage;

import dev.vigil.console.query.AlertTriage;
import dev.vigil.model.alert.AlertDocuments;
import dev.vigil.model.json.VigilJson;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins the {@code vigil-triage} index to alerts as they are read: {@code vigil.triage} on every alert an analyst
 * triaged (an alert without it is open), and {@code status=} filters as an ids filter on the alert search.
 */
public final class TriageJoin implements AlertTriage {

    private final TriageStore store;

    public TriageJoin(TriageStore store) {
        this.store = store;
    }

    /** Sets {@code vigil.triage} on each alert (object nodes, changed in place) that has a verdict. */
    @Override
    public void attach(Collection<? extends JsonNode> alerts) {
        List<String> ids = new ArrayList<>();
        for (JsonNode alert : alerts) {
            String id = AlertDocuments.id(alert);
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, Triage> verdicts = store.find(ids);
        if (verdicts.isEmpty()) {
            return;
        }
        for (JsonNode alert : alerts) {
            Triage triage = verdicts.get(AlertDocuments.id(alert));
            if (triage != null && alert instanceof ObjectNode object) {
                ObjectNode vigil = object.path("vigil") instanceof ObjectNode existing ? existing
                        : object.putObject("vigil");
                vigil.set("triage", VigilJson.tree(triage));
            }
        }
    }

    /**
     * The filter for {@code status=} on alerts of the event-time window {@code since..until} (ends may be null);
     * empty when it lets every alert through. Open alerts are those without a verdict or with status open, so a
     * filter including {@code open} excludes the alerts with the other statuses instead of listing open ones.
     */
    @Override
    public Optional<Query> statusFilter(List<String> words, Instant since, Instant until) {
        List<String> statuses = TriageChange.statuses(words == null ? List.of() : words);
        if (statuses.isEmpty() || statuses.containsAll(TriageChange.STATUSES)) {
            return Optional.empty();
        }
        if (statuses.contains(Triage.OPEN)) {
            List<String> excluded = Set.of(Triage.ACKNOWLEDGED, Triage.CLOSED).stream()
                    .filter(status -> !statuses.contains(status)).sorted().toList();
            List<String> ids = store.alertIds(excluded, since, until);
            return ids.isEmpty() ? Optional.empty()
                    : Optional.of(Query.of(q -> q.bool(bool -> bool.mustNot(not -> not.ids(in -> in.values(ids))))));
        }
        List<String> ids = store.alertIds(statuses, since, until);
        return Optional.of(ids.isEmpty()
                ? Query.of(q -> q.bool(bool -> bool.mustNot(not -> not.matchAll(all -> all))))
                : Query.of(q -> q.ids(in -> in.values(ids))));
    }
}
