package dev.vigil.deploy;

import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.cli.RulesCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil does not alert on itself: every pod template the chart renders, wrapped into the audit events its
 * installation causes, goes through {@code vigil rules test} (the command itself, in-process, with the bundled
 * rules) — and no rule fires. A chart made insecure on purpose shows that the same check does catch it.
 */
class DogfoodingTest {

    static Stream<Rendered> renderings() {
        return ChartManifestsTest.renderings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void noRuleFiresOnTheInstallationOfTheChart(Rendered rendered) throws IOException {
        List<JsonNode> events = installationEvents(rendered);

        RulesTest result = rulesTest(rendered, events);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).as("alerts").isEmpty();
        assertThat(result.err()).contains(events.size() + " audit events: 0 alerts (0 hits), 0 rejected");
        // Workload, ReplicaSet and pod for each Deployment; StatefulSet and pod for streams.
        assertThat(events).hasSize(3 * 4 + 2);
    }

    @Test
    void theSameCheckCatchesAChartThatAllowsPrivilegeEscalation() throws IOException {
        Rendered insecure = Rendered.with("insecure.yaml");
        List<JsonNode> events = installationEvents(insecure);

        RulesTest result = rulesTest(insecure, events);

        assertThat(result.exitCode()).isZero();
        List<String> rules = result.out().lines()
                .map(line -> VigilJson.mapper().readTree(line).at("/rule/id").asString())
                .distinct().toList();
        assertThat(rules).containsExactly("pod-security-restricted");
        List<String> workloads = result.out().lines()
                .map(line -> VigilJson.mapper().readTree(line).at("/vigil/evidence/details/workload").asString())
                .toList();
        assertThat(workloads).as("every workload is reported").containsAll(insecure.podTemplates().keySet().stream()
                .map(workload -> workload.getKind() + "/" + workload.getMetadata().getName()).toList());
    }

    private static List<JsonNode> installationEvents(Rendered rendered) {
        WorkloadAuditEvents audit = new WorkloadAuditEvents(HelmChart.NAMESPACE, Instant.parse("2026-11-24T08:00:00Z"));
        List<JsonNode> events = new ArrayList<>();
        rendered.podTemplates().forEach((workload, template) -> events.addAll(audit.of(workload, template)));
        return events;
    }

    private static RulesTest rulesTest(Rendered rendered, List<JsonNode> events) throws IOException {
        Path directory = Path.of(System.getProperty("vigil.rendered", "target/rendered"), "audit");
        Files.createDirectories(directory);
        Path file = directory.resolve(rendered.name().replaceAll("[^A-Za-z0-9.]+", "-") + ".jsonl");
        Files.writeString(file, events.stream().map(VigilJson::write).collect(Collectors.joining("\n", "", "\n")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine rules = new CommandLine(new RulesCommand());
        rules.setOut(new PrintWriter(out, true));
        rules.setErr(new PrintWriter(err, true));
        int exitCode = rules.execute("test", "--json", "--cluster", "prod-1", file.toString());
        return new RulesTest(exitCode, out.toString(), err.toString());
    }

    private record RulesTest(int exitCode, String out, String err) {
    }
}
