package dev.vigil.console.query;

import org.opensearch.client.opensearch._types.ShardSearchFailure;
import org.opensearch.client.opensearch._types.ShardStatistics;
import org.opensearch.client.opensearch.core.CountResponse;
import org.opensearch.client.opensearch.core.search.SearchResult;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses an answer OpenSearch gave from only some of the shards. OpenSearch answers 200 with the hits of the shards
 * that did answer when others failed (a primary still starting in a new daily index, a node gone, a broken shard): an
 * alert list, an evidence search or a triage state read from such an answer is silently incomplete, and an analyst
 * would take "no evidence" or "open" at face value. A 503 naming the shards is honest, and the client may retry.
 */
final class ShardFailures {

    /** At most this many failures are named in the message; the rest are counted. */
    private static final int NAMED = 3;

    private ShardFailures() {
    }

    /** {@code response} itself when every shard answered; otherwise an {@link OpenSearchQueryException}. */
    static <T> T requireComplete(T response) {
        ShardStatistics shards = null;
        if (response instanceof SearchResult<?> search) {
            shards = search.shards();
        } else if (response instanceof CountResponse count) {
            shards = count.shards();
        }
        if (shards != null && (shards.failed() > 0 || shards.successful() < shards.total())) {
            throw new OpenSearchQueryException(message(shards), null);
        }
        return response;
    }

    /**
     * Counts what is missing as {@code total - successful}: a shard with no started copy is neither successful nor
     * failed (OpenSearch lists no failure for it), and shards the pre-filter skipped count as successful.
     */
    static String message(ShardStatistics shards) {
        List<ShardSearchFailure> failures = shards.failures();
        String named = failures.stream().limit(NAMED).map(ShardFailures::describe).collect(Collectors.joining("; "));
        String more = failures.size() > NAMED ? "; " + (failures.size() - NAMED) + " more" : "";
        int missing = Math.max(shards.failed(), shards.total() - shards.successful());
        return "OpenSearch answered from " + shards.successful() + " of " + shards.total() + " shards (" + missing
                + (failures.isEmpty() ? " without a started copy" : " failed: " + named + more)
                + "); an incomplete answer is not shown";
    }

    private static String describe(ShardSearchFailure failure) {
        String reason = failure.reason() == null ? "no reason given"
                : failure.reason().type() + (failure.reason().reason() == null ? "" : " " + failure.reason().reason());
        return (failure.index() == null ? "" : failure.index() + " ") + "shard " + failure.shard() + ": " + reason;
    }
}
