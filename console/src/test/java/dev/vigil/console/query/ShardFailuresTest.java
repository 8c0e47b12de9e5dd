package dev.vigil.console.query;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.ShardSearchFailure;
import org.opensearch.client.opensearch._types.ShardStatistics;
import org.opensearch.client.opensearch.core.CountResponse;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardFailuresTest {

    @Test
    void anAnswerOfEveryShardPasses() {
        CountResponse count = CountResponse.of(response -> response.count(7).shards(shards(4, List.of())));

        assertThat(ShardFailures.requireComplete(count)).isSameAs(count);
        assertThat(ShardFailures.requireComplete("not an OpenSearch answer")).isEqualTo("not an OpenSearch answer");
    }

    @Test
    void anAnswerWithAFailedShardIsRefusedNamingIt() {
        CountResponse count = CountResponse.of(response -> response.count(7).shards(shards(4, List.of(
                failure("vigil-audit-2026.12.05", 0, "no_shard_available_action_exception", null)))));

        assertThatThrownBy(() -> ShardFailures.requireComplete(count)).isInstanceOf(OpenSearchQueryException.class)
                .hasMessage("OpenSearch answered from 3 of 4 shards (1 failed: vigil-audit-2026.12.05 shard 0: "
                        + "no_shard_available_action_exception); an incomplete answer is not shown");
    }

    @Test
    void aShardWithoutAStartedCopyIsMissingThoughNoneFailed() {
        // what OpenSearch answers for a primary that is not allocated (yet): neither successful nor failed
        CountResponse count = CountResponse.of(response -> response.count(7).shards(shards -> shards.total(3)
                .successful(2).failed(0).skipped(0)));

        assertThatThrownBy(() -> ShardFailures.requireComplete(count)).isInstanceOf(OpenSearchQueryException.class)
                .hasMessage("OpenSearch answered from 2 of 3 shards (1 without a started copy); an incomplete answer "
                        + "is not shown");
    }

    @Test
    void shardsThePreFilterSkippedAreNoGap() {
        CountResponse count = CountResponse.of(response -> response.count(7).shards(shards -> shards.total(3)
                .successful(3).failed(0).skipped(2)));

        assertThat(ShardFailures.requireComplete(count)).isSameAs(count);
    }

    @Test
    void manyFailuresAreCountedBeyondTheFirstThree() {
        List<ShardSearchFailure> failures = IntStream.range(0, 5)
                .mapToObj(shard -> failure("vigil-alerts-2026.12.0" + shard, shard, "node_not_connected_exception",
                        "[node-" + shard + "] disconnected"))
                .toList();

        assertThat(ShardFailures.message(shards(10, failures))).isEqualTo("OpenSearch answered from 5 of 10 shards "
                + "(5 failed: vigil-alerts-2026.12.00 shard 0: node_not_connected_exception [node-0] disconnected; "
                + "vigil-alerts-2026.12.01 shard 1: node_not_connected_exception [node-1] disconnected; "
                + "vigil-alerts-2026.12.02 shard 2: node_not_connected_exception [node-2] disconnected; 2 more); "
                + "an incomplete answer is not shown");
    }

    private static ShardStatistics shards(int total, List<ShardSearchFailure> failures) {
        return ShardStatistics.of(shards -> shards.total(total).successful(total - failures.size())
                .failed(failures.size()).failures(failures));
    }

    private static ShardSearchFailure failure(String index, int shard, String type, String reason) {
        return ShardSearchFailure.of(failure -> failure.index(index).shard(shard)
                .reason(cause -> reason == null ? cause.type(type) : cause.type(type).reason(reason)));
    }
}
