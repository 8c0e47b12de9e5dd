package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.rules.cel.EventActivation;
import dev.vigil.streams.rules.file.RuleLocation;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a rule's embedded tests the way the engine runs the rule on live events: match, condition, exceptions,
 * then the expectations of the case (severity, message text, details).
 */
public final class RuleTestRunner {

    /** Cluster name given to test events that carry none (the local default's cluster). */
    static final String TEST_CLUSTER = "local";

    private RuleTestRunner() {
    }

    static List<RuleTestResult> run(CompiledRule rule, RuleLocation file, Map<String, List<String>> lists) {
        String id = rule.meta().id();
        List<RuleTestCase> cases;
        try {
            cases = RuleTestCases.of(rule.spec().tests(), file);
        } catch (IOException e) {
            RuleTestCase broken = new RuleTestCase("fixtures", null, true, null, null, null, null);
            return List.of(new RuleTestResult(id, file.name(), broken, "cannot read test fixtures: " + e.getMessage()));
        }
        List<RuleTestResult> results = new ArrayList<>();
        for (RuleTestCase testCase : cases) {
            results.add(new RuleTestResult(id, file.name(), testCase, failure(rule, testCase, lists)));
        }
        return results;
    }

    private static String failure(CompiledRule rule, RuleTestCase testCase, Map<String, List<String>> loaded) {
        Map<String, List<String>> lists = loaded;
        if (testCase.lists() != null) {
            lists = new HashMap<>(loaded);
            for (Map.Entry<String, JsonNode> list : testCase.lists().properties()) {
                if (!loaded.containsKey(list.getKey()) || !list.getValue().isArray()) {
                    return "lists." + list.getKey() + ": no rule file defines such a list, or it is not a list";
                }
                List<String> values = new ArrayList<>();
                list.getValue().forEach(value -> values.add(value.asString()));
                lists.put(list.getKey(), List.copyOf(values));
            }
        }
        Decoded<AuditRecord> decoded = record(testCase.event());
        if (!decoded.isOk()) {
            return "not an audit event: " + ((Decoded.Failed<AuditRecord>) decoded).reason();
        }
        AuditRecord record = decoded.value();
        Detection detection = rule.matcher().matches(EventKey.of(record.event()))
                ? RuleEngine.detect(rule, new EventActivation(record, lists)) : null;
        if (!testCase.fire()) {
            return detection == null ? null : "fired: " + detection.message();
        }
        if (detection == null) {
            return rule.matcher().matches(EventKey.of(record.event())) ? "did not fire" : "did not fire (no match: "
                    + EventKey.of(record.event()) + ")";
        }
        if (testCase.severity() != null && !detection.severity().word().equals(testCase.severity())) {
            return "severity " + detection.severity().word() + ", expected " + testCase.severity();
        }
        if (testCase.message() != null && !detection.message().contains(testCase.message())) {
            return "message '" + detection.message() + "' does not contain '" + testCase.message() + "'";
        }
        if (testCase.details() != null && !contains(detection.details(), testCase.details())) {
            return "details " + detection.details() + " do not contain " + testCase.details();
        }
        return null;
    }

    /** An event of a test case as an ingest record; a {@code cluster} key in the event is the envelope's. */
    static Decoded<AuditRecord> record(JsonNode event) {
        if (event == null) {
            return Decoded.failed("no event", "");
        }
        return AuditRecordCodec.decode(VigilJson.writeBytes(event)).map(RuleTestRunner::withDefaults);
    }

    static AuditRecord withDefaults(AuditRecord record) {
        if (record == null) {
            return null;
        }
        Instant received = record.receivedAt() != null ? record.receivedAt()
                : record.event().eventTime() != null ? record.event().eventTime() : Instant.EPOCH;
        return new AuditRecord(record.cluster() != null ? record.cluster() : TEST_CLUSTER, received, record.event());
    }

    /** Every field of {@code expected} is in {@code actual} with an equal value (objects compared recursively). */
    public static boolean contains(JsonNode actual, JsonNode expected) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!contains(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (actual == null) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
