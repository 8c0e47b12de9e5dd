package dev.vigil.model.audit;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.vigil.model.audit.RequestSummaryCorpus.bases;
import static dev.vigil.model.audit.RequestSummaryCorpus.reference;
import static dev.vigil.model.audit.RequestSummaryCorpus.text;
import static dev.vigil.model.audit.RequestSummaryCorpus.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestSummaryReader} against the decoders ({@link RequestSummaryCorpus#reference}): on every audit event of
 * the repository and on many variants of them — any layout, escapes, duplicates, look-alike names inside objects,
 * every wrong type of every field the summary reads, numbers in every spelling, truncation, random byte flips. An
 * answer must be the decoders' summary; and the reader must answer for ordinary events (a reader that never answers
 * is no use).
 */
class RequestSummaryReaderDifferentialTest {

    private static final long SEED = 0x5EED_18L;

    /** How one set of inputs went: how many the decoders read, and for how many of those the reader answered. */
    private static final class Tally {
        int inputs;
        int decoded;
        int answered;
        int answeredUndecodable;
        final List<String> unanswered = new ArrayList<>();

        /** Checks one input; true when the reader answered. */
        boolean check(String name, byte[] value) {
            RequestSummary expected = reference(value);
            RequestSummary actual = RequestSummaryReader.read(value);
            inputs++;
            decoded += expected == null ? 0 : 1;
            if (actual != null && expected == null) {
                answeredUndecodable++;
            }
            if (actual == null && expected != null) {
                unanswered.add(name);
            }
            if (actual != null && expected != null) {
                answered++;
                // mayHoldPod is the reader's alone (the decoded summary is unsure): it must only never be wrong
                if (!actual.withMayHoldPod(true).equals(expected)) {
                    throw new AssertionError(name + ": read " + actual + " but the decoders give " + expected
                            + "\n" + text(value));
                }
                if (!actual.mayHoldPod() && RequestSummaryCorpus.objectsMayHoldPod(value)) {
                    throw new AssertionError(name + ": read as holding no pod, but the decoded objects may\n"
                            + text(value));
                }
            }
            return actual != null;
        }

        double answeredShare() {
            return decoded == 0 ? 0 : (double) answered / decoded;
        }
    }

    @Test
    void answersForTheThirdPartyEventsAsTheDecodersRead() {
        Tally tally = new Tally();
        RequestSummaryCorpus.thirdParty().forEach(tally::check);
        assertThat(tally.decoded).isGreaterThan(250);
        assertThat(tally.answeredShare()).as("answered of %s decoded", tally.decoded).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void answersForTheFixturesAsTheDecodersRead() {
        Tally tally = new Tally();
        RequestSummaryCorpus.fixtures().forEach(tally::check);
        assertThat(tally.decoded).isGreaterThan(100);
        assertThat(tally.answeredShare()).as("answered of %s decoded", tally.decoded).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void answersForABusyClustersDayAsTheDecodersRead() {
        List<byte[]> day = RequestSummaryCorpus.busyDay();
        Tally tally = new Tally();
        for (int i = 0; i < day.size(); i++) {
            tally.check("busy-cluster-day:" + (i + 1), day.get(i));
        }
        assertThat(day).as("the streams module's busy-cluster-day.jsonl.gz").hasSizeGreaterThanOrEqualTo(20_000);
        assertThat(tally.decoded).isEqualTo(day.size());
        assertThat(tally.answered).isEqualTo(tally.decoded);
    }

    @Test
    void anyLayoutAndKeyOrderGivesTheSameAnswer() {
        Random random = new Random(SEED);
        Tally tally = new Tally();
        for (ObjectNode base : bases()) {
            RequestSummary summary = RequestSummaryReader.read(utf8(base.toString()));
            assertThat(summary).as(base.toString()).isNotNull();
            JsonVariantWriter writer = new JsonVariantWriter(random, JsonVariantWriter.Style.LAYOUT);
            for (int i = 0; i < 40; i++) {
                String variant = writer.write(base);
                assertThat(tally.check("layout " + i, utf8(variant))).as(variant).isTrue();
                assertThat(RequestSummaryReader.read(utf8(variant))).isEqualTo(summary);
            }
        }
    }

    @Test
    void escapesDuplicatesAndOddNumbersAreReadAsTheDecodersReadThemOrNotAnswered() {
        Random random = new Random(SEED + 1);
        Tally tally = new Tally();
        for (ObjectNode base : bases()) {
            for (int i = 0; i < 150; i++) {
                JsonVariantWriter.Style style = new JsonVariantWriter.Style(random.nextDouble() * 0.3,
                        random.nextDouble(), probability(random), probability(random), probability(random),
                        probability(random));
                tally.check("variant " + i + " " + style, utf8(new JsonVariantWriter(random, style).write(base)));
            }
        }
        assertThat(tally.decoded).isGreaterThan(1_000);
        assertThat(tally.answered).as("answered some of %s decoded", tally.decoded).isGreaterThan(tally.decoded / 10);
    }

    private static double probability(Random random) {
        return random.nextInt(3) == 0 ? random.nextDouble() * 0.2 : 0;
    }

    /** Names of the summary's fields put where they do not count: inside the objects, and in other parents. */
    @Test
    void lookAlikeNamesInsideObjectsAreIgnored() {
        Tally tally = new Tally();
        for (ObjectNode base : bases()) {
            RequestSummary summary = reference(utf8(base.toString()));
            ObjectNode decoyed = base.deepCopy();
            decoyed.putObject("spec"); // an unknown top-level object, filled with decoys too
            LookAlikes.insert(decoyed, List.of());
            byte[] value = utf8(decoyed.toString());
            assertThat(reference(value)).as(decoyed.toString()).isEqualTo(summary);
            assertThat(tally.check("look-alikes", value)).as(decoyed.toString()).isTrue();
            JsonVariantWriter writer = new JsonVariantWriter(new Random(SEED), JsonVariantWriter.Style.LAYOUT);
            assertThat(tally.check("look-alikes, shuffled", utf8(writer.write(decoyed)))).isTrue();
        }
        assertThat(tally.answered).isEqualTo(tally.decoded).isGreaterThan(40);
    }

    private static final List<List<Object>> FIELDS = List.of(List.of("verb"), List.of("stage"), List.of("level"),
            List.of("objectRef"), List.of("objectRef", "apiGroup"), List.of("objectRef", "resource"),
            List.of("objectRef", "subresource"), List.of("objectRef", "namespace"), List.of("user"),
            List.of("user", "username"), List.of("user", "groups"), List.of("user", "groups", 0),
            List.of("responseStatus"), List.of("responseStatus", "code"), List.of("annotations"),
            List.of("annotations", RequestSummary.DECISION_ANNOTATION), List.of("userAgent"),
            List.of("annotations", RequestSummary.REASON_ANNOTATION),
            List.of("impersonatedUser"), List.of("impersonatedUser", "username"));

    private static final List<String> VALUES = List.of("5", "-1", "true", "false", "null", "\"x\"", "\"\"", "{}",
            "[]", "[\"a\"]", "[\"a\",\"b\"]", "[null]", "[5]", "[\"a\",]", "{\"a\":1}", "{\"code\":200}", "200", "0",
            "-0", "200.0", "2e2", "2E+2", "-200", "0200", "1e400", "2147483647", "2147483648", "-2147483648",
            "99999999999999999999", "999999999", "1000000000", "\"\\u0041\"", "\"\\\"\"", "\"\\\\\"", "\"é\"",
            "\"a/b\"", "\"a\\/b\"", "tru", "nul", "nulll", "\"unterminated", "[", "{", "[1}", "\"\t\"", "allow",
            "\"allow\"", "\"forbid\"", "NaN", "Infinity", "0x10", "+1", ".5", "1.", "'x'");

    /** Values the decoders read that the reader leaves to them: escapes, non-ASCII, signed or 10-digit numbers. */
    private static final List<String> NOT_GUESSED = List.of("\"\\u0041\"", "\"\\\"\"", "\"\\\\\"", "\"é\"",
            "\"a\\/b\"", "-1", "-0", "-200", "2147483647", "-2147483648", "1000000000");

    /**
     * Every field the summary reads, missing and set to every value (right, wrong, broken), alone and among decoy
     * duplicates: answered as the decoders read it, and answered whenever they read it unless it is one of the
     * {@link #NOT_GUESSED} forms (or a decision that is not a string, which the decoders turn into text).
     */
    @Test
    void everyValueOfEveryFieldIsReadAsTheDecodersReadItOrNotAnswered() {
        Random random = new Random(SEED + 2);
        Tally tally = new Tally();
        Tally duplicated = new Tally();
        List<String> notAnswered = new ArrayList<>();
        for (ObjectNode base : bases().subList(0, 3)) {
            for (List<Object> field : FIELDS) {
                boolean decision = field.contains(RequestSummary.DECISION_ANNOTATION)
                        || field.contains(RequestSummary.REASON_ANNOTATION);
                for (String value : VALUES) {
                    ObjectNode event = base.deepCopy();
                    if (!set(event, field, JsonVariantWriter.RAW + value)) {
                        continue;
                    }
                    byte[] plain = utf8(new JsonVariantWriter(random, JsonVariantWriter.Style.PLAIN).write(event));
                    boolean guessable = !NOT_GUESSED.contains(value)
                            && !(decision && !value.startsWith("\"") && !value.equals("null"));
                    if (!tally.check(field + " = " + value, plain) && guessable && reference(plain) != null) {
                        notAnswered.add(field + " = " + value);
                    }
                    JsonVariantWriter.Style duplicates = new JsonVariantWriter.Style(0.1, 0.5, 0, 0, 0.2, 0);
                    duplicated.check(field + " = " + value + " with duplicates",
                            utf8(new JsonVariantWriter(random, duplicates).write(event)));
                }
                ObjectNode without = base.deepCopy();
                if (set(without, field, null)) {
                    assertThat(tally.check(field + " missing", utf8(without.toString()))).isTrue();
                }
            }
        }
        assertThat(notAnswered).isEmpty();
        assertThat(tally.answered).isGreaterThan(250);
        assertThat(duplicated.answered).as("answered of %s decoded", duplicated.decoded).isGreaterThan(20);
    }

    /** Sets (or removes, value null) a field of an event; false when its parent is not there. */
    private static boolean set(ObjectNode event, List<Object> path, String value) {
        JsonNode parent = event;
        for (Object part : path.subList(0, path.size() - 1)) {
            parent = part instanceof Integer index ? parent.get(index) : parent.get((String) part);
            if (parent == null || !parent.isContainer()) {
                return false;
            }
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode array) {
            if (array.isEmpty()) {
                return false;
            }
            array.set(0, array.stringNode(value == null ? "" : value));
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).put((String) last, value);
        }
        return true;
    }

    @Test
    void aRecordCutAnywhereIsNotAnswered() {
        Tally tally = new Tally();
        for (ObjectNode base : bases().subList(0, 4)) {
            byte[] whole = utf8(RequestSummaryCorpus.enveloped(base.toString()));
            for (int length = 0; length < whole.length; length++) {
                byte[] cut = Arrays.copyOf(whole, length);
                assertThat(tally.check("cut at " + length, cut)).as("cut at %s", length).isFalse();
            }
            assertThat(tally.check("whole", whole)).isTrue();
        }
    }

    @Test
    void randomByteFlipsAreReadAsTheDecodersReadThemOrNotAnswered() {
        Random random = new Random(SEED + 3);
        byte[] palette = utf8("\"\\{}[],: \t\n0123456789-.eEaz/u");
        List<byte[]> records = bases().stream().map(b -> utf8(RequestSummaryCorpus.enveloped(b.toString()))).toList();
        Tally tally = new Tally();
        for (int i = 0; i < 6_000; i++) {
            byte[] value = records.get(random.nextInt(records.size())).clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(value.length);
                value[at] = switch (random.nextInt(3)) {
                    case 0 -> palette[random.nextInt(palette.length)];
                    case 1 -> (byte) (0x80 + random.nextInt(0x80));
                    default -> (byte) random.nextInt(256);
                };
            }
            tally.check("flip " + i, value);
        }
        assertThat(tally.decoded).isGreaterThan(1_000);
        assertThat(tally.answered).isGreaterThan(tally.decoded / 2);
    }

    /**
     * Request and response objects the decoders cannot read (over Jackson's limits, broken, invalid UTF-8): they drop
     * and note the object and keep the event, whose top-level fields the reader must read alike — it never looks
     * inside the objects, so it answers.
     */
    @Test
    void unreadableObjectsAreSkippedAsTheDecodersDropThem() {
        String event = RequestSummaryCorpus.enveloped(bases().get(0).toString());
        String deep = "[".repeat(200) + "]".repeat(200);
        List<String> objects = List.of("{\"" + "n".repeat(60_000) + "\":1}", "{\"n\":" + "9".repeat(1_001) + "}",
                "{\"n\":1e9999999999}", "{\"data\":{\"password\":hunter2-secret}}", "{\"s\":\"a\u0001b\"}",
                "{\"a\":1,\"a\":2,\"deep\":" + deep + "}", "{\"x\":[1,2,]}", "{\"x\":tru}",
                "{\"s\":\"\\uZZZZ\"}", "{\"a\":1 \"b\":2}", "{\"a\"::1}");
        Tally tally = new Tally();
        List<String> undecodable = new ArrayList<>();
        for (String object : objects) {
            for (String field : List.of("requestObject", "responseObject")) {
                String text = event.replace(",\"cluster\":", ",\"" + field + "\":" + object + ",\"cluster\":");
                byte[] value = utf8(text);
                assertThat(tally.check(field + " = " + object, value)).as("%s = %s", field, object).isTrue();
                if (reference(value) == null) {
                    undecodable.add(field + " = " + object);
                }
            }
        }
        assertThat(undecodable).as("the decoders keep the event").isEmpty();
        // Invalid UTF-8 in an object fails the decode, though: the fallback reads the fields of the text Java decoded
        // (where it became U+FFFD), so no object is unreadable there. Any answer will do; the reader, not looking
        // inside, answers.
        byte[] invalid = utf8(event.replace(",\"cluster\":", ",\"requestObject\":{\"s\":\"a?b\"},\"cluster\":"));
        invalid[new String(invalid, StandardCharsets.ISO_8859_1).indexOf("a?b") + 1] = (byte) 0xC3;
        assertThat(reference(invalid)).isNull();
        assertThat(tally.check("invalid UTF-8", invalid)).isTrue();
    }

    /** Hand-picked inputs, with what the decoders make of them written down (duplicates: the last wins). */
    @Test
    void duplicatesNullsAndOddInputs() {
        String base = "{\"kind\":\"Event\",\"auditID\":\"a\",\"stage\":\"ResponseComplete\",%s}";
        Map<String, RequestSummary> cases = new LinkedHashMap<>();
        cases.put("\"verb\":\"get\",\"verb\":\"delete\"", summary("delete", null, -1, null));
        cases.put("\"verb\":\"get\",\"verb\":null", summary(null, null, -1, null));
        cases.put("\"user\":{\"username\":\"a\",\"groups\":[\"g\"]},\"user\":{\"username\":\"b\"}",
                summary(null, "b", -1, null));
        cases.put("\"user\":{\"username\":\"a\",\"username\":\"b\"}", summary(null, "b", -1, null));
        cases.put("\"responseStatus\":{\"code\":403},\"responseStatus\":{\"status\":\"x\"}",
                summary(null, null, -1, null));
        cases.put("\"responseStatus\":{\"code\":403,\"code\":null}", summary(null, null, -1, null));
        cases.put("\"responseStatus\":{\"code\":-0}", null); // decoders: 0; the reader does not guess signs
        cases.put("\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
                        + "\"authorization.k8s.io/decision\":null}",
                summary(null, null, -1, null));
        cases.put("\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"},\"annotations\":{}",
                summary(null, null, -1, null));
        cases.put("\"annotations\":{\"authorization.k8s.io/decision\":true}", null); // decoders: "true"
        cases.put("\"v\\u0065rb\":\"get\"", null); // decoders: verb get
        cases.put("\"verb\":\"g\\u0065t\"", null);
        cases.put("\"requestObject\":{\"verb\":\"get\",\"s\":\"\\\"}]\"},\"verb\":\"list\"",
                summary("list", null, -1, null));
        cases.put("\"requestObject\":{\"a\":[}", null); // brackets that do not match
        cases.put("\"requestObject\":" + "[".repeat(300) + "]".repeat(300), null); // deeper than the reader goes
        cases.put("\"requestObject\":" + "[".repeat(200) + "]".repeat(200) + ",\"verb\":\"get\"",
                summary("get", null, -1, null));
        for (Map.Entry<String, RequestSummary> c : cases.entrySet()) {
            byte[] value = utf8(RequestSummaryCorpus.enveloped(String.format(base, c.getKey())));
            assertThat(podUnknown(RequestSummaryReader.read(value))).as(c.getKey()).isEqualTo(c.getValue());
            new Tally().check(c.getKey(), value);
        }
        byte[] overlong = utf8(String.format(base, "\"vXXrb\":\"get\""));
        int x = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("XX");
        overlong[x] = (byte) 0xC1; // 'e' in an overlong two-byte form: Jackson reads "verb", Java's decoder does not
        overlong[x + 1] = (byte) 0xA5;
        assertThat(RequestSummaryReader.read(overlong)).isNull();
        byte[] bom = utf8("\uFEFF" + String.format(base, "\"verb\":\"get\""));
        assertThat(RequestSummaryReader.read(bom)).isNull();
        new Tally().check("bom", bom);
        assertThat(RequestSummaryReader.read(utf8(String.format(base, "\"verb\":\"get\"") + " x"))).isNull();
        assertThat(podUnknown(RequestSummaryReader.read(utf8(" \n" + String.format(base, "\"verb\":\"get\"") + "\r\n"))))
                .isEqualTo(summary("get", null, -1, null));
        assertThat(RequestSummaryReader.read(new byte[0])).isNull();
        assertThat(RequestSummaryReader.read(null)).isNull();
    }

    private static RequestSummary podUnknown(RequestSummary summary) {
        return summary == null ? null : summary.withMayHoldPod(true);
    }

    private static RequestSummary summary(String verb, String username, int code, String decision) {
        return new RequestSummary(verb, "ResponseComplete", null, null, null, null, null, username, null, code,
                decision, null, null, false);
    }

    /** Inserts names of the summary's fields into every object below the top where they do not count. */
    private static final class LookAlikes {
        private static final Map<String, String> DECOYS = Map.ofEntries(
                Map.entry("verb", "\"delete\""), Map.entry("stage", "\"Panic\""), Map.entry("level", "\"None\""),
                Map.entry("objectRef", "{\"resource\":\"secrets\",\"namespace\":\"kube-system\",\"apiGroup\":\"g\","
                        + "\"subresource\":\"exec\"}"),
                Map.entry("user", "{\"username\":\"system:admin\",\"groups\":[\"system:masters\"]}"),
                Map.entry("responseStatus", "{\"code\":599}"),
                Map.entry("annotations", "{\"authorization.k8s.io/decision\":\"forbid\"}"),
                Map.entry("apiGroup", "\"g\""), Map.entry("resource", "\"secrets\""),
                Map.entry("subresource", "\"exec\""), Map.entry("namespace", "\"kube-system\""),
                Map.entry("username", "\"admin\""), Map.entry("groups", "[\"system:masters\"]"),
                Map.entry("code", "599"), Map.entry(RequestSummary.DECISION_ANNOTATION, "\"forbid\""),
                Map.entry("text", "\"\\\"verb\\\":\\\"delete\\\"}]},{\\\"user\\\":[\""),
                Map.entry("path", "\"C:\\\\\""), Map.entry("userAgent", "\"curl/8.5.0\""),
                Map.entry(RequestSummary.REASON_ANNOTATION, "\"RBAC: allowed by decoy\""),
                Map.entry("impersonatedUser", "{\"username\":\"system:admin\"}"));
        private static final Map<String, List<String>> COUNTED = Map.of(
                "", List.of("verb", "stage", "level", "objectRef", "user", "responseStatus", "annotations",
                        "userAgent", "impersonatedUser"),
                "objectRef", List.of("apiGroup", "resource", "subresource", "namespace"),
                "user", List.of("username", "groups"), "responseStatus", List.of("code"),
                "annotations", List.of(RequestSummary.DECISION_ANNOTATION, RequestSummary.REASON_ANNOTATION));

        static void insert(ObjectNode node, List<String> path) {
            for (Map.Entry<String, JsonNode> child : new ArrayList<>(node.properties())) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child.getKey());
                insertBelow(child.getValue(), childPath);
            }
        }

        private static void insertBelow(JsonNode node, List<String> path) {
            if (node.isArray()) {
                node.forEach(item -> insertBelow(item, path));
                return;
            }
            if (!node.isObject() || path.equals(List.of("user", "extra"))
                    || path.equals(List.of("impersonatedUser", "extra"))) {
                return; // extra holds arrays of strings only: a decoy would make the event undecodable
            }
            ObjectNode object = (ObjectNode) node;
            insert(object, path);
            String parent = path.size() == 1 ? path.get(0) : "-";
            boolean annotations = parent.equals("annotations");
            DECOYS.forEach((name, value) -> {
                if (!COUNTED.getOrDefault(parent, List.of()).contains(name)) {
                    object.set(name, annotations && !value.startsWith("\"") ? object.stringNode(value)
                            : VigilJson.tolerantMapper().readTree(value));
                }
            });
        }
    }
}
