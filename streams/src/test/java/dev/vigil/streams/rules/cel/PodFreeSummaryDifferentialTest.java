package dev.vigil.streams.rules.cel;

import dev.cel.runtime.CelFunctionBinding;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.model.audit.RequestSummaryReader;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.rule.RuleMeta;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.rules.pss.PodTemplate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestSummary#mayHoldPod()} as the byte reader reads it, against what the rules see: whenever it says the
 * objects hold no pod, neither decoder's event gives {@code obj}, {@code request} or {@code response} a pod
 * ({@link PodTemplate}), and every pod function of the rules gives the empty value the screen assumes
 * ({@link RuleFunctions#valueWithoutPod}). Over the busy cluster's day, the third-party data, every rule's test
 * events, and hostile rewrites of each event that holds a pod: names escaped, decoy duplicates before and after the
 * real members, a JSON Patch instead of the object, the pod moved to the response, odd whitespace.
 */
class PodFreeSummaryDifferentialTest {

    private static final String DAY = "noise/busy-cluster-day.jsonl.gz";
    private static final List<CelFunctionBinding> POD_FUNCTIONS = RuleFunctions.bindings().stream()
            .filter(binding -> RuleFunctions.valueWithoutPod(binding.getOverloadId()) != null).toList();

    /** Rewrites of an event that holds a pod; each keeps it a pod to the decoders, or hides it from them too. */
    private static final List<UnaryOperator<String>> REWRITES = List.of(
            text -> text.replace("\"spec\":", "\"\\u0073pec\":"),
            text -> text.replace("\"containers\":", "\"\\u0063ontainers\":"),
            text -> text.replace("\"template\":", "\"templat\\u0065\":"),
            text -> text.replace("\"spec\":{", "\"spec\":{},\"spec\":{"),
            text -> text.replace("\"spec\":{", "\"spec\":{\"holderIdentity\":\"x\"},\"spec\":{"),
            text -> text.replace("\"requestObject\":{", "\"requestObject\":{\"spec\":{}},\"requestObject\":{"),
            text -> text.replace("\"requestObject\":{", "\"requestObject\":null,\"requestObject\":{"),
            text -> text.replace("\":", "\" :\n\t"),
            text -> text.replace("\"spec\":{", "\"spec\" : {\"a\":[{\"spec\":{}}],"),
            text -> text.replace("\"containers\":[", "\"c\\u006Fntainers\":[],\"containers\":["),
            text -> text.replace("\"spec\":{", "\"spec\":{\"containers\":null,\"x\":\"\\\"}\",")); // a quote in a value

    private static final byte[] FLIPS = "\"\\{}[],: sc0eu".getBytes(StandardCharsets.UTF_8);

    private static final class Tally {
        int checked;
        int podFree;
        int pods;
        int podsKept;
    }

    @Test
    void whatTheReaderReadsAsPodFreeHoldsNoPodForAnyRule() {
        Tally tally = new Tally();
        for (ObjectNode event : day()) {
            check(event.toString(), tally);
        }
        int dayPodFree = tally.podFree;
        List<String> withPods = new ArrayList<>();
        for (String text : ruleTestEventsAndThirdParty()) {
            if (check(text, tally)) {
                withPods.add(text);
            }
        }
        for (String text : withPods) {
            REWRITES.forEach(rewrite -> check(rewrite.apply(text), tally));
            check(asJsonPatch(text), tally);
            check(podInResponseOnly(text), tally);
        }
        Random random = new Random(0x90DL);
        for (int i = 0; i < 3_000; i++) {
            byte[] value = withPods.get(random.nextInt(withPods.size())).getBytes(StandardCharsets.UTF_8);
            for (int f = 0; f < 1 + random.nextInt(3); f++) {
                value[random.nextInt(value.length)] = FLIPS[random.nextInt(FLIPS.length)];
            }
            check(value, tally);
        }
        System.out.printf("pod flag differential: %d checked, %d read as pod-free (%d of the day's 20000), %d hold a"
                + " pod (%d of them kept by the flag), %d events with pods rewritten%n", tally.checked, tally.podFree,
                dayPodFree, tally.pods, tally.podsKept, withPods.size());
        assertThat(dayPodFree).as("the day's events read as pod-free").isGreaterThan(15_000);
        assertThat(withPods).hasSizeGreaterThan(100);
        assertThat(tally.pods).isGreaterThan(1_000);
        assertThat(tally.podsKept).as("events with a pod the flag kept").isEqualTo(tally.pods);
    }

    /** Checks one event's record; true when the decoders' event holds a pod. */
    private static boolean check(String eventText, Tally tally) {
        String text = eventText.strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            return false;
        }
        String record = text.substring(0, text.length() - 1) + (text.length() > 2 ? "," : "")
                + "\"cluster\":\"c\",\"receivedAt\":\"2026-03-02T11:00:02Z\"}";
        return check(record.getBytes(StandardCharsets.UTF_8), tally);
    }

    private static boolean check(byte[] value, Tally tally) {
        RequestSummary summary = RequestSummaryReader.read(value);
        boolean holdsPod = false;
        for (Decoded<AuditRecord> decoded : List.of(AuditRecordCodec.decodeLazily(value),
                AuditRecordCodec.decode(value))) {
            if (decoded.isOk() && decoded.value().event() != null) {
                holdsPod |= holdsPod(decoded.value());
            }
        }
        tally.checked++;
        if (summary != null && !summary.mayHoldPod()) {
            tally.podFree++;
            assertThat(holdsPod).as("read as pod-free, but a rule finds a pod: %s",
                    new String(value, StandardCharsets.UTF_8)).isFalse();
        }
        if (holdsPod) {
            tally.pods++;
            tally.podsKept += summary == null || summary.mayHoldPod() ? 1 : 0;
        }
        return holdsPod;
    }

    /** Whether a rule could find a pod in the event: any pod function of obj, request or response is not empty. */
    private static boolean holdsPod(AuditRecord record) {
        EventActivation activation = new EventActivation(record, Map.of());
        for (String name : List.of(RuleVariables.OBJ, RuleVariables.REQUEST, RuleVariables.RESPONSE)) {
            Object object = activation.value(name);
            if (PodTemplate.of(object).isPresent()) {
                return true;
            }
            for (CelFunctionBinding function : POD_FUNCTIONS) {
                for (Object partial : List.of(true, false)) {
                    Object[] args = function.getArgTypes().size() == 1 ? new Object[] {object}
                            : new Object[] {object, partial};
                    try {
                        if (!function.getDefinition().apply(args)
                                .equals(RuleFunctions.valueWithoutPod(function.getOverloadId()))) {
                            return true;
                        }
                    } catch (Exception e) {
                        throw new AssertionError(function.getOverloadId(), e);
                    }
                }
            }
        }
        return false;
    }

    /** The event as a JSON Patch of its object's spec (verb patch, no response object). */
    private static String asJsonPatch(String text) {
        ObjectNode event = (ObjectNode) VigilJson.tolerantMapper().readTree(text);
        JsonNode object = event.path("responseObject").isObject() ? event.get("responseObject")
                : event.path("requestObject");
        ArrayNode patch = VigilJson.mapper().createArrayNode();
        object.path("spec").properties().forEach(member -> patch.addObject().put("op", "add")
                .put("path", "/spec/" + member.getKey()).set("value", member.getValue()));
        event.set("requestObject", patch);
        event.remove("responseObject");
        event.put("verb", "patch");
        return event.toString();
    }

    /** The pod only in the response, the request a lease. */
    private static String podInResponseOnly(String text) {
        ObjectNode event = (ObjectNode) VigilJson.tolerantMapper().readTree(text);
        JsonNode object = event.path("responseObject").isObject() ? event.get("responseObject")
                : event.path("requestObject");
        event.set("responseObject", object);
        event.set("requestObject", VigilJson.tolerantMapper().readTree("{\"kind\":\"Lease\",\"spec\":"
                + "{\"holderIdentity\":\"x\"}}"));
        event.put("verb", "update");
        return event.toString();
    }

    private static List<String> ruleTestEventsAndThirdParty() {
        List<String> events = new ArrayList<>();
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        for (RuleMeta rule : engine.rules()) {
            try {
                engine.tests(rule.id()).forEach(test -> collect(test.event(), events));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        AuditTestData.thirdPartyEvents().forEach(line -> events.add(line.text()));
        for (String folder : List.of("fixtures/rules", "fixtures/streams")) {
            AuditTestData.lines(folder, ".jsonl").forEach(line -> events.add(line.text()));
        }
        return events;
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, into));
        } else if (node instanceof ObjectNode object) {
            if ("Event".equals(object.path("kind").asString(""))) {
                ObjectNode event = object.deepCopy();
                event.remove("repeat");
                into.add(event.toString());
            } else if (object.has("event")) {
                collect(object.get("event"), into);
            }
        }
    }

    private static List<ObjectNode> day() {
        List<ObjectNode> events = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(PodFreeSummaryDifferentialTest.class.getClassLoader()
                .getResourceAsStream(DAY), DAY); AuditFileReader reader = AuditFileReader.of(in, DAY)) {
            while (reader.hasNext()) {
                events.add((ObjectNode) reader.next().node());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(events).hasSize(20_000);
        return events;
    }
}
