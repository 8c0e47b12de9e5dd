package dev.vigil.streams.rules;

import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.model.audit.RequestSummaryReader;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection screen against the full engine on every event at hand: the bundled rules' embedded test events,
 * the third-party audit data, the generated day of a busy cluster (the noise corpus) and systematic mutations of
 * them (anonymous, masters, refused, other verbs, resources, stages, ...). Whenever the screen says no rule can fire
 * on an event's request summary, neither {@link RuleEngine#evaluate} nor {@link RuleEngine#evaluateStateful} may find
 * anything; more strictly, every rule or step that fires must be one the screen kept. And the screen must screen out
 * the bulk of the day (so a screen that always says "may match" fails here too).
 */
class RuleScreenDifferentialTest {

    private static final RuleEngine ENGINE = RuleEngine.load(RulesProperties.defaults());
    private static final String DAY = "noise/busy-cluster-day.jsonl.gz";

    /** Each a change of one request attribute (or two that go together) that could make some rule apply. */
    private static final Map<String, Consumer<ObjectNode>> MUTATIONS = Map.ofEntries(
            entry("anonymous", e -> user(e, "system:anonymous", "system:unauthenticated")),
            entry("unauthenticated group", e -> groups(e).add("system:unauthenticated")),
            entry("masters group", e -> groups(e).add("system:masters")),
            entry("kubeadm admin", e -> user(e, "kubernetes-admin", "kubeadm:cluster-admins", "system:authenticated")),
            entry("a person", e -> user(e, "mallory@example.com", "system:authenticated")),
            entry("default service account", e -> user(e, "system:serviceaccount:shop:default",
                    "system:serviceaccounts", "system:authenticated")),
            entry("impersonates an admin", e -> e.putObject("impersonatedUser").put("username", "system:admin")),
            entry("impersonates into masters", e -> e.putObject("impersonatedUser").put("username", "bob")
                    .putArray("groups").add("system:masters")),
            entry("impersonates nobody", e -> e.putObject("impersonatedUser").put("username", "")),
            entry("kubectl", e -> e.put("userAgent", "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350")),
            entry("curl", e -> e.put("userAgent", "curl/8.5.0")),
            entry("Go-http-client", e -> e.put("userAgent", "Go-http-client/2.0")),
            entry("no user agent", e -> e.remove("userAgent")),
            entry("a kubelet", e -> user(e, "system:node:worker-1", "system:nodes", "system:authenticated")),
            entry("controller manager", e -> user(e, "system:kube-controller-manager", "system:authenticated")),
            entry("403", e -> code(e, 403, "forbid")),
            entry("401", e -> code(e, 401, null)),
            entry("no response", e -> e.remove("responseStatus")),
            entry("500", e -> code(e, 500, "allow")),
            entry("201 without decision", e -> code(e, 201, null)),
            entry("decision forbid", e -> annotations(e).put("authorization.k8s.io/decision", "forbid")),
            entry("decision allow", e -> annotations(e).put("authorization.k8s.io/decision", "allow")),
            entry("decision empty", e -> annotations(e).put("authorization.k8s.io/decision", "")),
            entry("reason empty (node authorizer)", e -> annotations(e).put("authorization.k8s.io/reason", "")),
            entry("reason RBAC", e -> annotations(e).put("authorization.k8s.io/reason",
                    "RBAC: allowed by RoleBinding \"reader/shop\" of Role \"reader\" to User \"mallory\"")),
            entry("reason webhook", e -> annotations(e).put("authorization.k8s.io/reason", "allowed by webhook")),
            entry("no reason", e -> annotations(e).remove("authorization.k8s.io/reason")),
            entry("create", e -> e.put("verb", "create")),
            entry("delete", e -> e.put("verb", "delete")),
            entry("get", e -> e.put("verb", "get")),
            entry("list", e -> e.put("verb", "list")),
            entry("patch", e -> e.put("verb", "patch")),
            entry("secrets", e -> objectRef(e).put("resource", "secrets").put("apiGroup", "")),
            entry("pods", e -> objectRef(e).put("resource", "pods").put("apiGroup", "")),
            entry("pods/exec", e -> objectRef(e).put("resource", "pods").put("apiGroup", "")
                    .put("subresource", "exec")),
            entry("clusterrolebindings", e -> objectRef(e).put("resource", "clusterrolebindings")
                    .put("apiGroup", "rbac.authorization.k8s.io")),
            entry("no subresource", e -> objectRef(e).remove("subresource")),
            entry("no objectRef", e -> e.remove("objectRef")),
            entry("default namespace", e -> objectRef(e).put("namespace", "default")),
            entry("kube-system", e -> objectRef(e).put("namespace", "kube-system")),
            entry("cluster scope", e -> objectRef(e).remove("namespace")),
            entry("ResponseStarted", e -> e.put("stage", "ResponseStarted")),
            entry("RequestReceived", e -> e.put("stage", "RequestReceived")),
            entry("RequestResponse level", e -> e.put("level", "RequestResponse")));

    @Test
    void whatTheScreenRulesOutNothingFiresOn() {
        Tally tally = new Tally();
        List<ObjectNode> seeds = new ArrayList<>();
        ruleTestEvents().forEach(event -> seeds.add(check(event, "rule tests", tally)));
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            if (VigilJson.mapper().readTree(line.text()) instanceof ObjectNode event) {
                seeds.add(check(event, line.source(), tally));
            }
        }
        Map<RequestSummary, Integer> perSummary = new LinkedHashMap<>();
        for (ObjectNode event : day()) {
            ObjectNode checked = check(event, DAY, tally);
            if (checked != null && perSummary.merge(summary(checked), 1, Integer::sum) <= 2) {
                seeds.add(checked); // two of each distinct request are enough to mutate
            }
        }
        for (ObjectNode seed : seeds) {
            if (seed == null) {
                continue;
            }
            MUTATIONS.forEach((name, mutation) -> {
                ObjectNode mutated = seed.deepCopy();
                mutation.accept(mutated);
                check(mutated, "mutated: " + name, tally);
            });
        }

        System.out.printf("screen differential: %d events checked, %d fire something, %d screened out, %d of the"
                + " day's 20000 screened out, %d seeds%n", tally.checked, tally.firing, tally.screenedOut,
                tally.dayScreenedOut, seeds.size());
        System.out.printf("screen differential, byte reader's summaries: %d read as pod-free, %d screened out%n",
                tally.readPodFree, tally.readScreenedOut);
        System.out.println("day events kept by rule: " + top(tally.dayKeptBy));
        System.out.println("day events kept by that rule alone: " + top(tally.dayKeptOnlyBy));
        assertThat(tally.checked).isGreaterThan(100_000);
        assertThat(tally.firing).as("events some rule fires on").isGreaterThan(1_000);
        assertThat(tally.screenedOut).as("events screened out").isGreaterThan(tally.checked / 4);
        assertThat(tally.dayScreenedOut).as("share of the busy cluster's day screened out")
                .isGreaterThan(7_000);
        assertThat(tally.readPodFree).as("events the byte reader reads as pod-free").isGreaterThan(tally.checked / 2);
    }

    @Test
    void theRoutineRequestsOfAClusterAreScreenedOut() {
        assertThat(keptBy(event("system:node:worker-1", List.of("system:nodes", "system:authenticated"), "get", "",
                "configmaps", "kube-system", 200, "allow"))).as("a kubelet reads a configmap").isEmpty();
        assertThat(keptBy(event("system:kube-controller-manager", List.of("system:authenticated"), "update",
                "coordination.k8s.io", "leases", "kube-system", 200, "allow")))
                .as("the controller manager renews its lease").isEmpty();
        assertThat(keptBy(event("system:kube-scheduler", List.of("system:authenticated"), "watch", "", "pods", "",
                200, "allow"))).as("the scheduler watches pods").isEmpty();
        ObjectNode nodeStatus = event("system:node:worker-1", List.of("system:nodes", "system:authenticated"),
                "patch", "", "nodes", "", 200, "allow");
        objectRef(nodeStatus).put("subresource", "status");
        assertThat(keptBy(nodeStatus)).as("a kubelet patches its node's status").isEmpty();
        assertThat(ENGINE.mayMatch(record(nodeStatus))).isFalse();
    }

    @Test
    void requestsARuleCanFireOnAreNotScreenedOut() {
        ObjectNode anonymousCreate = event("system:anonymous", List.of("system:unauthenticated"), "create", "",
                "namespaces", "", 201, "allow");
        ObjectNode refused = event("mallory@example.com", List.of("system:authenticated"), "get", "", "secrets",
                "kube-system", 403, "forbid");
        ObjectNode podCreate = event("dev@example.com", List.of("system:authenticated"), "create", "", "pods", "shop",
                201, "allow");

        assertThat(keptBy(anonymousCreate)).contains("anonymous-admin-action");
        assertThat(keptBy(refused)).contains("forbidden-burst#0");
        assertThat(keptBy(podCreate)).contains("privileged-pod", "pod-security-restricted");
        assertThat(ENGINE.mayMatch(record(anonymousCreate))).isTrue();
    }

    /**
     * Checks one event (when it decodes) and returns it, else null: the screen's answer is the engine's, and
     * everything that fires was kept by it.
     */
    private static ObjectNode check(ObjectNode event, String source, Tally tally) {
        Decoded<AuditRecord> decoded = RuleTestRunner.record(event);
        if (!decoded.isOk() || decoded.value().event() == null) {
            return null;
        }
        AuditRecord record = decoded.value();
        RequestSummary summary = RequestSummary.of(record.event());
        boolean may = ENGINE.mayMatch(record);
        List<String> kept = ENGINE.screenKeptBy(record);
        Set<String> fired = new TreeSet<>();
        ENGINE.evaluate(record).forEach(detection -> fired.add(detection.rule().id()));
        ENGINE.evaluateStateful(record).forEach(step -> fired.add(step.rule().id() + "#" + step.step()));

        String what = source + ": " + VigilJson.write(event);
        assertThat(may).as(what).isEqualTo(!kept.isEmpty());
        if (!may) {
            assertThat(fired).as("screened out, yet fires: " + what).isEmpty();
        }
        assertThat(kept).as("fires, but the screen did not keep it: " + what).containsAll(fired);
        List<String> keptBySummary = ENGINE.screenKeptBy(summary);
        assertThat(keptBySummary).as("the summary alone keeps at least as much: " + what).containsAll(kept);
        assertThat(ENGINE.mayMatch(summary)).as(what).isEqualTo(!keptBySummary.isEmpty());
        // the summary the detection application reads from the record's bytes, which may know its objects hold no pod
        RequestSummary read = RequestSummaryReader.read(VigilJson.writeBytes(event));
        if (read != null) {
            List<String> keptByRead = ENGINE.screenKeptBy(read);
            assertThat(keptByRead).as("fires, but the byte reader's summary did not keep it: " + what)
                    .containsAll(fired);
            assertThat(keptBySummary).as("the decoded summary keeps at least as much: " + what)
                    .containsAll(keptByRead);
            assertThat(ENGINE.mayMatch(read)).as(what).isEqualTo(!keptByRead.isEmpty());
            tally.readPodFree += read.mayHoldPod() ? 0 : 1;
            tally.readScreenedOut += keptByRead.isEmpty() ? 1 : 0;
        }
        tally.checked++;
        tally.firing += fired.isEmpty() ? 0 : 1;
        tally.screenedOut += may ? 0 : 1;
        tally.dayScreenedOut += !may && source.equals(DAY) ? 1 : 0;
        if (source.equals(DAY)) {
            kept.forEach(rule -> tally.dayKeptBy.merge(rule, 1, Integer::sum));
            if (kept.size() == 1) {
                tally.dayKeptOnlyBy.merge(kept.get(0), 1, Integer::sum);
            }
        }
        return event;
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList().toString();
    }

    /** Every audit event of every rule's embedded tests (stateful scenarios' repeated events once). */
    private static List<ObjectNode> ruleTestEvents() {
        List<ObjectNode> events = new ArrayList<>();
        for (RuleMeta rule : ENGINE.rules()) {
            try {
                ENGINE.tests(rule.id()).forEach(test -> collect(test.event(), events));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(events).hasSizeGreaterThan(300);
        return events;
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, into));
        } else if (node instanceof ObjectNode object) {
            if ("Event".equals(object.path("kind").asString("")) && !object.has("repeat")) {
                into.add(object.deepCopy());
            } else if (object.has("event")) {
                collect(object.get("event"), into);
            }
        }
    }

    private static List<ObjectNode> day() {
        List<ObjectNode> events = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(RuleScreenDifferentialTest.class.getClassLoader()
                .getResourceAsStream(DAY), DAY); AuditFileReader reader = AuditFileReader.of(in, DAY)) {
            while (reader.hasNext()) {
                AuditFileReader.Item item = reader.next();
                assertThat(item.isOk()).as(item.source() + ":" + item.line()).isTrue();
                events.add((ObjectNode) item.node());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(events).hasSize(20_000);
        return events;
    }

    static ObjectNode event(String username, List<String> groups, String verb, String apiGroup, String resource,
                            String namespace, int code, String decision) {
        ObjectNode event = VigilJson.mapper().createObjectNode();
        event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata")
                .put("auditID", "screen-1").put("stage", "ResponseComplete").put("verb", verb)
                .put("requestURI", "/api/v1/" + resource);
        user(event, username, groups.toArray(String[]::new));
        event.putArray("sourceIPs").add("10.0.1.16");
        event.put("userAgent", "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46");
        ObjectNode ref = event.putObject("objectRef").put("resource", resource).put("apiGroup", apiGroup)
                .put("name", "x").put("apiVersion", "v1");
        if (!namespace.isEmpty()) {
            ref.put("namespace", namespace);
        }
        code(event, code, decision);
        event.put("requestReceivedTimestamp", "2026-11-23T00:00:00Z").put("stageTimestamp", "2026-11-23T00:00:00Z");
        return event;
    }

    private static RequestSummary summary(ObjectNode event) {
        return RequestSummary.of(record(event).event());
    }

    /** The rules that keep an event from being screened out. */
    private static List<String> keptBy(ObjectNode event) {
        return ENGINE.screenKeptBy(record(event));
    }

    private static AuditRecord record(ObjectNode event) {
        return RuleTestRunner.record(event).value();
    }

    private static void user(ObjectNode event, String username, String... groups) {
        ObjectNode user = event.putObject("user").put("username", username);
        ArrayNode list = user.putArray("groups");
        for (String group : groups) {
            list.add(group);
        }
    }

    private static ArrayNode groups(ObjectNode event) {
        ObjectNode user = event.get("user") instanceof ObjectNode existing ? existing : event.putObject("user");
        return user.get("groups") instanceof ArrayNode existing ? existing : user.putArray("groups");
    }

    private static void code(ObjectNode event, int code, String decision) {
        event.putObject("responseStatus").put("code", code);
        if (decision == null) {
            annotations(event).remove("authorization.k8s.io/decision");
        } else {
            annotations(event).put("authorization.k8s.io/decision", decision);
        }
    }

    private static ObjectNode annotations(ObjectNode event) {
        return event.get("annotations") instanceof ObjectNode existing ? existing : event.putObject("annotations");
    }

    private static ObjectNode objectRef(ObjectNode event) {
        return event.get("objectRef") instanceof ObjectNode existing ? existing : event.putObject("objectRef");
    }

    private static final class Tally {
        final Map<String, Integer> dayKeptBy = new TreeMap<>();
        final Map<String, Integer> dayKeptOnlyBy = new TreeMap<>();
        int checked;
        int firing;
        int screenedOut;
        int dayScreenedOut;
        int readPodFree;
        int readScreenedOut;
    }
}
