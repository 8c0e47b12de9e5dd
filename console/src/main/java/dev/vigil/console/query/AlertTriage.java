package dev.vigil.console.query;

import org.opensearch.client.opensearch._types.query_dsl.Query;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the alert API needs of triage, which lives in its own package and index: {@code vigil.triage} on the alerts
 * it answers with, and the filter for {@code status=}. Declared here so that the query package does not depend on
 * the triage package, which builds on this one.
 */
public interface AlertTriage {

    /** No triage: alerts as stored, and a status filter only for "everything". */
    AlertTriage NONE = new AlertTriage() {
        @Override
        public void attach(Collection<? extends JsonNode> alerts) {
        }

        @Override
        public Optional<Query> statusFilter(List<String> statuses, Instant since, Instant until) {
            if (statuses != null && !statuses.isEmpty()) {
                throw new IllegalArgumentException("status filters need the triage index");
            }
            return Optional.empty();
        }
    };

    /** Sets {@code vigil.triage} on each alert (object nodes, changed in place) that has a verdict. */
    void attach(Collection<? extends JsonNode> alerts);

    /** The filter for {@code status=} on alerts of the window (ends may be null); empty when it lets all through. */
    Optional<Query> statusFilter(List<String> statuses, Instant since, Instant until);
}
