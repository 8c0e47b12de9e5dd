package dev.vigil.streams.cli;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.ecs.EcsFields;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.stateful.OfflineStateful;
import dev.vigil.streams.stateful.StatefulRuleTests;
import dev.vigil.streams.stateful.StatefulSettings;
import dev.vigil.streams.rules.RuleTestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vigil rules test [--rules DIR] FILE…}: evaluates the rules over audit log files (JSON lines, .gz, EventList,
 * JSON array) without Kafka and prints the alerts they raise, deduplicated as the topology would; the stateful rules
 * (threshold, sequence, new_terms) see the files' events in event-time order with state in memory. Without FILEs it
 * runs the rules' embedded tests and ends with {@code N passed, M failed}.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Evaluate rules offline over audit event files and print the alerts.",
                "Without FILE: run the embedded tests of every rule."})
class TestRulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Extra rule folder or file (repeatable); its rules "
            + "add to or replace the bundled ones by id.")
    List<Path> folders;

    @Option(names = "--cluster", defaultValue = "local",
            description = "Cluster name for events without an envelope (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--json", description = "Print each alert as its contract JSON document, one per line.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Audit log files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleEngine engine = RuleFolders.load(folders, err);
        if (engine == null) {
            return RuleFolders.INVALID_RULES;
        }
        int status = files == null || files.isEmpty() ? embeddedTests(engine, out) : evaluate(engine, out, err);
        out.flush();
        err.flush();
        return status;
    }

    private int embeddedTests(RuleEngine engine, PrintWriter out) {
        List<RuleTestResult> results = new ArrayList<>(engine.runTests());
        results.addAll(StatefulRuleTests.run(engine));
        long failed = results.stream().filter(r -> !r.passed()).count();
        results.stream().filter(r -> !r.passed()).forEach(out::println);
        out.println("rule tests: " + (results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private int evaluate(RuleEngine engine, PrintWriter out, PrintWriter err) {
        OfflineAlerts alerts = new OfflineAlerts();
        // stateful rules see the events in event-time order, as the live topology's windows do
        List<AuditRecord> stateful = engine.statefulRules().isEmpty() ? null : new ArrayList<>();
        Instant readAt = Instant.now();
        long events = 0;
        long rejected = 0;
        long watch = 0;
        long untimed = 0;
        long failed = 0;
        for (Path file : files) {
            try (AuditFileReader reader = AuditFileReader.open(file)) {
                while (reader.hasNext()) {
                    AuditFileReader.Item item = reader.next();
                    if (!item.isOk()) {
                        err.println(item.source() + ":" + item.line() + ": unreadable: " + item.error());
                        rejected++;
                        continue;
                    }
                    if (isWatchEvent(item.node())) {
                        watch++;
                        continue;
                    }
                    Decoded<AuditRecord> record = AuditRecordCodec.decode(VigilJson.writeBytes(item.node()));
                    if (!record.isOk()) {
                        err.println(item.source() + ":" + item.line() + ": not an audit event: "
                                + ((Decoded.Failed<AuditRecord>) record).reason());
                        rejected++;
                        continue;
                    }
                    events++;
                    AuditRecord event = record.value();
                    if (event.receivedAt() == null && event.event().eventTime() == null) {
                        untimed++;
                    }
                    try {
                        AuditRecord timed = withCluster(event, readAt);
                        alerts.add(engine.evaluate(timed));
                        if (stateful != null) {
                            stateful.add(timed);
                        }
                    } catch (RuntimeException e) {
                        // One event the engine cannot handle must not cost the output of all the others.
                        err.println(item.source() + ":" + item.line() + ": not evaluated: " + e);
                        failed++;
                    }
                }
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                return 2;
            }
        }
        if (stateful != null) {
            stateful.sort(Comparator.comparing(EcsFields::timestamp));
            OfflineStateful state = new OfflineStateful(engine, new AlertFactory(Redactor.withDefaults(),
                    Clock.systemUTC(), Duration.ofHours(1)), StatefulSettings.defaults());
            for (AuditRecord record : stateful) {
                alerts.addStateful(state.add(record));
            }
        }
        for (Alert alert : alerts.alerts()) {
            if (json) {
                out.println(VigilJson.write(alert));
            } else {
                AlertText.print(alert, alerts.dedupKey(alert), out);
            }
        }
        err.println(events + " audit events: " + alerts.alerts().size() + " alerts (" + alerts.hits() + " hits), "
                + rejected + " rejected" + (failed > 0 ? ", " + failed + " not evaluated" : "")
                + (untimed > 0 ? ", " + untimed + " without a readable timestamp (timed as read, " + readAt + ")" : "")
                + (watch > 0 ? ", " + watch + " watch events skipped (long-lived-pod is "
                + "judged by the running pod tracker)" : ""));
        return failed == 0 ? 0 : 1;
    }

    /** The record as ingest would have sent it: with a cluster and a receive time (the event's own, else now). */
    private AuditRecord withCluster(AuditRecord record, Instant readAt) {
        Instant received = record.receivedAt() != null ? record.receivedAt()
                : record.event().eventTime() != null ? record.event().eventTime() : readAt;
        return new AuditRecord(record.cluster() != null ? record.cluster() : cluster, received, record.event());
    }

    /** {@code k8s.watch.events} values: {cluster, type, object, observedAt}. */
    private static boolean isWatchEvent(JsonNode node) {
        return node != null && node.has("object") && node.has("type") && !node.has("auditID") && !node.has("verb");
    }
}
