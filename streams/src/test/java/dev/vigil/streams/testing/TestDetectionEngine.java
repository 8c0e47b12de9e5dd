package dev.vigil.streams.testing;

import dev.vigil.model.alert.Severity;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.rules.Detection;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.model.rule.RuleMeta;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A hand-written {@link DetectionEngine} for topology tests: rules are Java predicates, not CEL. */
public class TestDetectionEngine implements DetectionEngine {

    /** One test rule: when it fires, its dedup key, message and details. */
    public record TestRule(RuleMeta meta, Predicate<AuditRecord> when, Function<AuditRecord, String> dedupKey,
                           Function<AuditRecord, String> message, Function<AuditRecord, JsonNode> details) {
    }

    private final Map<String, RuleMeta> metas = new LinkedHashMap<>();
    private final List<TestRule> rules = new ArrayList<>();

    public static TestDetectionEngine create() {
        return new TestDetectionEngine();
    }

    public static RuleMeta meta(String id, Severity severity, Duration window) {
        return new RuleMeta(id, "Test rule " + id, "Fires in topology tests.", "1", "vigil-test", severity,
                List.of("APP.4.4.A3", "SYS.1.6"), List.of("T1078.001"), List.of("iam"), window);
    }

    public TestDetectionEngine rule(TestRule rule) {
        rules.add(rule);
        metas.put(rule.meta().id(), rule.meta());
        return this;
    }

    /** A rule firing on {@code when}, deduplicated per user, with a message naming user and verb. */
    public TestDetectionEngine rule(RuleMeta meta, Predicate<AuditRecord> when) {
        return rule(new TestRule(meta, when, record -> record.event().username(),
                record -> record.event().username() + " did " + record.event().verb(), record -> null));
    }

    /** Metadata only, for rules fed by watch state such as {@code long-lived-pod}. */
    public TestDetectionEngine metaOnly(RuleMeta meta) {
        metas.put(meta.id(), meta);
        return this;
    }

    @Override
    public List<Detection> evaluate(AuditRecord record) {
        List<Detection> detections = new ArrayList<>();
        for (TestRule rule : rules) {
            if (rule.when().test(record)) {
                detections.add(new Detection(rule.meta(), rule.meta().severity(), rule.dedupKey().apply(record),
                        rule.message().apply(record), rule.details().apply(record), record));
            }
        }
        return detections;
    }

    @Override
    public Optional<RuleMeta> rule(String id) {
        return Optional.ofNullable(metas.get(id));
    }

    @Override
    public List<RuleMeta> rules() {
        return List.copyOf(metas.values());
    }
}
