package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleTestRunner;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RuleTestCase;
import dev.vigil.streams.rules.RuleTestResult;
import dev.vigil.streams.rules.StatefulRule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs the embedded tests of stateful rules: each case's {@code events} through the offline stateful logic, in
 * event-time order, state fresh per case. An item of {@code events} is an audit event, or
 * {@code {repeat: N, every: 10s, event: {…}}}: N copies of the event, {@code {n}} in its strings replaced by 1…N, the
 * audit id suffixed {@code -n} unless it says where {@code {n}} goes or {@code same_id: true} (a redelivery), and the times ({@code stageTimestamp},
 * {@code requestReceivedTimestamp}) moved by {@code every} per copy. A {@code fire} case passes when the rule raised
 * an alert; severity, message and details are checked on its last emission (details carry e.g. {@code count}).
 */
public final class StatefulRuleTests {

    private static final String CLUSTER = "local";

    private StatefulRuleTests() {
    }

    public static List<RuleTestResult> run(RuleEngine engine) {
        List<RuleTestResult> results = new ArrayList<>();
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1));
        for (StatefulRule rule : engine.statefulRules()) {
            String file = engine.sourceOf(rule.id()).orElse("?");
            List<RuleTestCase> cases;
            try {
                cases = engine.tests(rule.id());
            } catch (IOException e) {
                RuleTestCase broken = new RuleTestCase("fixtures", null, true, null, null, null, null);
                results.add(new RuleTestResult(rule.id(), file, broken, "cannot read test fixtures: "
                        + e.getMessage()));
                continue;
            }
            for (RuleTestCase testCase : cases) {
                results.add(new RuleTestResult(rule.id(), file, testCase,
                        failure(engine, factory, rule.id(), testCase)));
            }
        }
        return results;
    }

    private static String failure(RuleEngine engine, AlertFactory factory, String ruleId, RuleTestCase testCase) {
        List<AuditRecord> records = new ArrayList<>();
        for (JsonNode event : expand(testCase.event())) {
            Decoded<AuditRecord> decoded = AuditRecordCodec.decode(VigilJson.writeBytes(event));
            if (!decoded.isOk()) {
                return "not an audit event: " + ((Decoded.Failed<AuditRecord>) decoded).reason();
            }
            AuditRecord record = decoded.value();
            Instant time = EcsFields.timestamp(new AuditRecord(CLUSTER, Instant.EPOCH, record.event()));
            records.add(new AuditRecord(record.cluster() != null ? record.cluster() : CLUSTER,
                    record.receivedAt() != null ? record.receivedAt() : time, record.event()));
        }
        records.sort(Comparator.comparing(EcsFields::timestamp));
        OfflineStateful offline = new OfflineStateful(engine, factory, StatefulSettings.defaults());
        Alert last = null;
        for (AuditRecord record : records) {
            for (Alert alert : offline.add(record)) {
                if (ruleId.equals(alert.rule().id())) {
                    last = alert;
                }
            }
        }
        if (!testCase.fire()) {
            return last == null ? null : "fired: " + last.message();
        }
        if (last == null) {
            return "did not fire";
        }
        if (testCase.severity() != null && !last.severity().word().equals(testCase.severity())) {
            return "severity " + last.severity().word() + ", expected " + testCase.severity();
        }
        if (testCase.message() != null && !last.message().contains(testCase.message())) {
            return "message '" + last.message() + "' does not contain '" + testCase.message() + "'";
        }
        JsonNode details = last.vigil().evidence().details();
        if (testCase.details() != null && !RuleTestRunner.contains(details, testCase.details())) {
            return "details " + details + " do not contain " + testCase.details();
        }
        return null;
    }

    /** The case's events with every {@code repeat} item expanded. */
    static List<JsonNode> expand(JsonNode events) {
        List<JsonNode> expanded = new ArrayList<>();
        if (events == null) {
            return expanded;
        }
        if (!events.isArray()) {
            expanded.add(events);
            return expanded;
        }
        for (JsonNode item : events) {
            if (!item.has("repeat")) {
                expanded.add(item);
                continue;
            }
            int times = item.get("repeat").asInt();
            Duration every = item.has("every") ? Duration.parse("PT" + item.get("every").asString().toUpperCase())
                    : Duration.ZERO;
            JsonNode event = item.get("event");
            String text = VigilJson.write(event);
            boolean numberedId = event.path("auditID").asString("").contains("{n}")
                    || item.path("same_id").asBoolean(false);
            for (int n = 1; n <= times; n++) {
                ObjectNode copy = (ObjectNode) VigilJson.mapper().readTree(text.replace("{n}", Integer.toString(n)));
                if (!numberedId) {
                    copy.put("auditID", copy.path("auditID").asString("event") + "-" + n);
                }
                Duration shift = every.multipliedBy(n - 1);
                for (String field : List.of("stageTimestamp", "requestReceivedTimestamp")) {
                    if (copy.hasNonNull(field)) {
                        copy.put(field, Instant.parse(copy.get(field).asString()).plus(shift).toString());
                    }
                }
                expanded.add(copy);
            }
        }
        return expanded;
    }
}
