package dev.vigil.console.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.console.query.AlertSearch;
import dev.vigil.console.triage.TriageStore;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /v1/rules/stats}: per rule id, the alerts raised in the last 24 hours and 7 days (by {@code @timestamp},
 * as {@code GET /v1/alerts?rule=&since=} counts them) and how many of the last 7 days' analysts closed as false
 * positives. Apart from {@code /v1/rules} so that the rule list needs no OpenSearch.
 */
@RestController
class RuleStatsController {

    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);

    record RuleStats(@JsonProperty("alerts_24h") long alerts24h, @JsonProperty("alerts_7d") long alerts7d,
                     @JsonProperty("false_positives_7d") long falsePositives7d) {
    }

    record Stats(@JsonProperty("generated_at") Instant generatedAt, @JsonProperty("since_24h") Instant since24h,
                 @JsonProperty("since_7d") Instant since7d, Map<String, RuleStats> rules) {
    }

    private final Supplier<OpenSearchClient> client;
    private final Supplier<TriageStore> triage;
    private final Clock clock;

    RuleStatsController(Supplier<OpenSearchClient> client, Supplier<TriageStore> triage, Clock clock) {
        this.client = client;
        this.triage = triage;
        this.clock = clock;
    }

    @GetMapping("/v1/rules/stats")
    Stats stats() {
        Instant now = clock.instant();
        Instant day = now.minus(DAY);
        Instant week = now.minus(WEEK);
        SearchResponse<JsonNode> response = AlertSearch.call(() -> client.get().search(search -> search
                .index(IndexFamily.ALERTS.pattern()).ignoreUnavailable(true).allowNoIndices(true).size(0)
                .query(q -> q.range(range -> range.field("@timestamp").gte(JsonData.of(week.toString()))))
                .aggregations("rules", rules -> rules.terms(terms -> terms.field("rule.id").size(1000))
                        .aggregations("day", recent -> recent.filter(f -> f.range(range -> range.field("@timestamp")
                                .gte(JsonData.of(day.toString())))))), JsonNode.class));
        Map<String, Long> falsePositives = triage.get().falsePositivesByRule(week);
        Map<String, RuleStats> rules = new TreeMap<>();
        Aggregate buckets = response.aggregations().get("rules");
        if (buckets != null) {
            for (StringTermsBucket bucket : buckets.sterms().buckets().array()) {
                rules.put(bucket.key(), new RuleStats(bucket.aggregations().get("day").filter().docCount(),
                        bucket.docCount(), falsePositives.getOrDefault(bucket.key(), 0L)));
            }
        }
        falsePositives.forEach((rule, count) -> rules.putIfAbsent(rule, new RuleStats(0, 0, count)));
        return new Stats(now, day, week, rules);
    }
}
