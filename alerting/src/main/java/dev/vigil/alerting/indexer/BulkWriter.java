package dev.vigil.alerting.indexer;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one bulk of index operations and classifies every item's result — the answer's {@code errors} flag alone
 * says nothing about which documents made it. A versioned item that lost against a newer version counts as done.
 */
final class BulkWriter {

    /** What became of one item. */
    enum Outcome { INDEXED, SUPERSEDED, RETRY, REJECTED }

    /** One item's outcome with the HTTP status and, for failures, the error type and reason. */
    record ItemResult(Outcome outcome, int status, String errorType, String reason) {
    }

    private final OpenSearchClient client;
    private final boolean refresh;

    /** @param refresh whether each bulk ends with a refresh, so that its documents are searchable when it returns */
    BulkWriter(OpenSearchClient client, boolean refresh) {
        this.client = client;
        this.refresh = refresh;
    }

    /** One result per item, in the items' order. */
    List<ItemResult> write(List<IndexItem> items) throws OpenSearchUnavailableException {
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (IndexItem item : items) {
            request.operations(operation -> operation.<Object>index(index -> {
                index.index(item.index()).id(item.id()).document(item.document());
                if (item.version() != null) {
                    index.version(item.version()).versionType(VersionType.ExternalGte);
                }
                return index;
            }));
        }
        if (refresh) {
            request.refresh(Refresh.True);
        }
        BulkResponse response;
        try {
            response = client.bulk(request.build());
        } catch (IOException | OpenSearchException e) {
            throw new OpenSearchUnavailableException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (response.items().size() != items.size()) {
            throw new OpenSearchUnavailableException("bulk answer with " + response.items().size() + " items for "
                    + items.size() + " operations", null);
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem answer = response.items().get(i);
            ErrorCause error = answer.error();
            results.add(new ItemResult(classify(answer.status(), items.get(i).version() != null), answer.status(),
                    error == null ? null : error.type(), error == null ? null : reason(error)));
        }
        return results;
    }

    /** 2xx done; 409 on a versioned item: a newer version is stored; 429 and 5xx retried; anything else permanent. */
    static Outcome classify(int status, boolean versioned) {
        if (status >= 200 && status < 300) {
            return Outcome.INDEXED;
        }
        if (status == 409 && versioned) {
            return Outcome.SUPERSEDED;
        }
        if (status == 429 || status >= 500) {
            return Outcome.RETRY;
        }
        return Outcome.REJECTED;
    }

    private static String reason(ErrorCause error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.reason()));
        for (ErrorCause cause = error.causedBy(); cause != null; cause = cause.causedBy()) {
            text.append("; caused by ").append(cause.type()).append(": ").append(cause.reason());
        }
        return text.toString();
    }
}
