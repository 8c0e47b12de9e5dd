package dev.vigil.streams.kafka;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.evidence.EvidenceDocument;
import dev.vigil.streams.evidence.EvidenceMapper;
import dev.vigil.streams.evidence.EvidenceTopology;
import dev.vigil.streams.redact.Redactor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence application's decode ({@link AuditRecordCodec#decodeStreaming}: the event read token by token, only
 * the objects built as trees) against the full {@link AuditRecordCodec#decode} it replaced, end to end: for every
 * audit event the tests have — the third-party data, the fixtures, the redaction corpora — and tens of thousands of
 * mutations of them (objects added and removed, secrets in objects, annotations, URIs, messages and env, envelope
 * fields present, absent or of the wrong type, every field of the wrong type, duplicate keys either way round, odd
 * content in the parts the streaming read does not keep, unreadable objects, truncations, corrupted bytes), the two
 * give the same decision, the same dead-letter reason and original, and byte for byte the same evidence document
 * (before: written by the topic's generic serde, so the comparison holds whatever the evidence writer becomes). Each difference it found in the streaming read when written (a number out of range in a value not kept, an
 * unreadable first copy of a duplicated object, a null annotation given a value again) now takes the full decode.
 */
class EvidenceDecodeDifferentialTest {

    private static final long KAFKA_TIMESTAMP = 1_767_000_000_123L;
    private static final String ENVELOPE = "\"cluster\":\"prod-1\",\"receivedAt\":\"2026-03-02T11:00:02.5Z\"";
    private static final String DEEP = "[".repeat(600) + "]".repeat(600);
    /** Odd values for a field the streaming read skips or reads itself; {@code \u0001} is a raw control character. */
    private static final List<String> ODD_VALUES = List.of("1e9999999999", "-1e9999999999", "9".repeat(1_001),
            "1.5", "-0", "12345678901234567890", "true", "null", "[]", "{}", "\"a\u0001b\"", "\"a\\xb\"", "\"\\ud800\"",
            "{\"a\":1e9999999999}", "[1e9999999999]", "{\"a\":\"\u0001\"}", DEEP, "{\"d\":" + DEEP + "}",
            "{\"" + "n".repeat(60_000) + "\":1}", "{\"a\":1,\"a\":2}", "\"x\"", "7", "[\"x\",1]", "{\"a\":[{}]}",
            // annotations and user.extra: nulls, duplicates and a null given a value again (the map's order)
            "{\"a\":null,\"b\":\"2\",\"a\":\"1\"}", "{\"k\":null,\"j\":[\"b\"],\"k\":[\"a\"]}",
            "{\"x1\":\"1\",\"x2\":null,\"x3\":\"3\",\"x2\":\"2\",\"x1\":null}", "{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}",
            "{\"k\":null}", "{\"k\":[\"a\",null]}", "{\"n\":1,\"t\":true}", nullsGivenAgain());
    private static final List<String> TOP_LEVEL = List.of("apiVersion", "kind", "level", "auditID", "stage",
            "requestURI", "verb", "user", "impersonatedUser", "sourceIPs", "userAgent", "objectRef", "responseStatus",
            "requestObject", "responseObject", "requestReceivedTimestamp", "stageTimestamp", "annotations", "cluster",
            "receivedAt", "droppedObjects", "timestamp", "metadata", "unknownField");
    /** Objects and fields that carry secrets of every kind the redactor knows. */
    private static final List<String> SECRET_FIELDS = List.of(
            "\"requestObject\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"data\":{\"password\":\"aHVudGVyMg==\"},"
                    + "\"stringData\":{\"token\":\"s3cr3t-value\"},\"metadata\":{\"name\":\"db\",\"annotations\":"
                    + "{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"data\\\":{\\\"password\\\":\\\"x\\\"}}\"}}}",
            "\"requestObject\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"spec\":{\"containers\":[{\"name\":\"app\","
                    + "\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter22hunter\"},{\"name\":\"MODE\",\"value\":\"x\"}],"
                    + "\"args\":[\"--token=ghp_abcdefghijklmnopqrstuvwxyz0123456789\"]}]}}",
            "\"responseObject\":{\"kind\":\"TokenRequest\",\"apiVersion\":\"authentication.k8s.io/v1\",\"status\":"
                    + "{\"token\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl\"}}",
            "\"responseObject\":{\"kind\":\"Status\",\"code\":409,\"details\":{\"url\":\"https://user:pa55word@example.com/x\"}}",
            "\"requestURI\":\"/api/v1/namespaces/default/pods?token=abcdef0123456789&watch=true\"",
            "\"annotations\":{\"note\":\"password=hunter22hunter\",\"authorization.k8s.io/decision\":\"allow\"}",
            "\"responseStatus\":{\"code\":500,\"status\":\"Failure\",\"message\":\"failed: password=hunter22hunter\","
                    + "\"metadata\":{}}",
            "\"requestObject\":[{\"kind\":\"Secret\",\"data\":{\"k\":\"dmFsdWU=\"}},\"AKIAIOSFODNN7EXAMPLE\"]",
            "\"requestObject\":\"a text object with AKIAIOSFODNN7EXAMPLE\"");

    /**
     * Keys first null, then given a value after another key: the tree keeps each key where it first stood. Many of
     * them, so that some collide in the hash table of the event's immutable map, whose order then follows insertion.
     */
    private static String nullsGivenAgain() {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            object.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":null,\"b").append(i)
                    .append("\":\"x\",\"a").append(i).append("\":\"y\"");
        }
        return object.append('}').toString();
    }

    private final Redactor redactor = Redactor.withDefaults();
    private final EvidenceMapper mapper = new EvidenceMapper(redactor);
    private final Serializer<Evidence> serializer = EvidenceTopology.serde(new TopicSpec<>("vigil.evidence",
            Serdes.String(), JsonSerde.of(Evidence.class))).serializer();

    /** The topic's generic serde (bean serialisers): the reference {@code EvidenceJsonTest} holds the writer to. */
    private final Serializer<Evidence> reference = JsonSerde.of(Evidence.class).serializer();

    /** What the evidence application wrote before: the full decode, the topic's serde. */
    private String before(byte[] value) {
        return outcome(AuditRecordCodec.decode(value), reference);
    }

    private String now(byte[] value) {
        return outcome(AuditRecordCodec.decodeStreaming(value), serializer);
    }

    /** The dead letter's reason and original, or the evidence document as written to the topic. */
    private String outcome(Decoded<AuditRecord> decoded, Serializer<Evidence> serializer) {
        if (decoded instanceof Decoded.Failed<AuditRecord> failed) {
            return "DLQ " + normalised(failed.reason()) + "\n" + normalised(failed.original());
        }
        AuditRecord record = AuditIntake.AuditDecoder.withReceivedAt(decoded.value(), KAFKA_TIMESTAMP);
        return "OK " + normalised(new String(serializer.serialize("vigil.evidence", mapper.evidence(record)),
                StandardCharsets.UTF_8));
    }

    /**
     * Jackson reports an overlong name with the length it had read when it noticed, which depends on its recycled
     * buffers: {@code decode} itself gives one length one time and another the next for the same bytes.
     */
    private static String normalised(String text) {
        return text.replaceAll("Name length \\(\\d+\\)", "Name length (N)");
    }

    @Test
    void theEvidenceAndDeadLettersAreTheFullDecodesForEveryInput() {
        Map<String, byte[]> inputs = inputs();
        assertThat(inputs).hasSizeGreaterThan(20_000);
        int accepted = 0;
        int withObjects = 0;
        int redacted = 0;
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            String expected = before(input.getValue());
            String actual = now(input.getValue());
            if (!actual.equals(expected)) {
                differences.add(input.getKey() + ": " + abbreviated(expected, 300) + " <> " + abbreviated(actual, 300));
            }
            if (expected.startsWith("OK ")) {
                accepted++;
                withObjects += expected.contains("\"requestObject\":{") || expected.contains("\"responseObject\":{") ? 1 : 0;
                redacted += expected.contains("[REDACTED]") ? 1 : 0;
            }
        }
        assertThat(differences).as("inputs whose evidence or dead letter differs").isEmpty();
        assertThat(accepted).as("accepted").isGreaterThan(5_000);
        assertThat(inputs.size() - accepted).as("dead letters").isGreaterThan(5_000);
        assertThat(withObjects).as("documents with objects").isGreaterThan(2_000);
        assertThat(redacted).as("documents with redactions").isGreaterThan(1_000);
    }

    /**
     * The evidence application's decode since issue 18's deliverable 2 ({@link AuditRecordCodec#decodeChecked} with
     * the redactor's {@link Redactor#objectCheck()}: objects the redactor would not change go into the document as
     * the bytes they arrived in) against the full decode, for the same inputs plus objects made to sit on each edge
     * of the check. The bytes of an object may differ (its spacing and escapes are as received), so the documents
     * are compared as JSON; dead letters as text. It also counts how often the bytes were used, so that a check that
     * refused everything could not pass.
     */
    @Test
    void theCheckedDecodesEvidenceIsTheFullDecodesAsJsonAndKeepsTheObjectsBytesWhenClean() {
        Map<String, byte[]> inputs = inputs();
        checkEdges(inputs);
        Serializer<EvidenceDocument> writer = EvidenceTopology.documentSerde(new TopicSpec<>("vigil.evidence",
                Serdes.String(), JsonSerde.of(Evidence.class))).serializer();
        int asBytes = 0;
        int redacted = 0;
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            String expected = before(input.getValue());
            Decoded<AuditRecord> decoded = AuditRecordCodec.decodeChecked(input.getValue(), redactor.objectCheck());
            String actual;
            if (decoded instanceof Decoded.Failed<AuditRecord> failed) {
                actual = "DLQ " + normalised(failed.reason()) + "\n" + normalised(failed.original());
            } else {
                AuditRecord record = AuditIntake.AuditDecoder.withReceivedAt(decoded.value(), KAFKA_TIMESTAMP);
                EvidenceDocument document = mapper.document(record);
                asBytes += document.requestObject() != null || document.responseObject() != null ? 1 : 0;
                actual = "OK " + normalised(new String(writer.serialize("vigil.evidence", document), StandardCharsets.UTF_8));
            }
            redacted += expected.contains("[REDACTED]") ? 1 : 0;
            if (!sameOutcome(expected, actual)) {
                differences.add(input.getKey() + ": " + abbreviated(expected, 400) + " <> " + abbreviated(actual, 400));
            }
        }
        assertThat(differences).as("inputs whose evidence or dead letter differs").isEmpty();
        assertThat(asBytes).as("documents whose objects went as bytes").isGreaterThan(2_000);
        assertThat(redacted).as("documents with redactions").isGreaterThan(1_000);
    }

    /** Dead letters the same text; documents the same JSON (numbers compared by value and scale, as read). */
    private static boolean sameOutcome(String expected, String actual) {
        if (!expected.startsWith("OK ") || !actual.startsWith("OK ")) {
            return expected.equals(actual);
        }
        return VigilJson.mapper().readTree(expected.substring(3)).equals(VigilJson.mapper().readTree(actual.substring(3)));
    }

    /** Objects on each edge of {@link Redactor#objectCheck()}: just inside what it passes, and just outside. */
    private static void checkEdges(Map<String, byte[]> inputs) {
        String head = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\","
                + "\"auditID\":\"edge-%d\",\"stage\":\"ResponseComplete\",\"verb\":\"%s\",\"requestURI\":"
                + "\"/api/v1/namespaces/ns/%s\",\"user\":{\"username\":\"alice\",\"groups\":[\"system:authenticated\"]},"
                + "\"objectRef\":{\"resource\":\"%s\",\"namespace\":\"ns\",\"apiVersion\":\"v1\"%s},"
                + "\"responseStatus\":{\"code\":201},";
        List<String> objects = List.of(
                "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\"},\"spec\":{\"containers\":[{\"name\":\"c\","
                        + "\"env\":[{\"name\":\"MODE\",\"value\":\"fast\"},{\"name\":\"DB_PASSWORD\"}]}]}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"env\":[{\"value\":\"hunter2hunter\",\"name\":\"API_TOKEN\"}]}]},"
                        + "\"metadata\":{\"labels\":{\"a\":\"b\"},\"name\":\"late-name\"}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"env\":[{\"name\":\"API_TOKEN\",\"value\":{\"x\":1}}]}]}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"env\":[{\"name\":\"API_TOKEN\",\"value\":null}]}]}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"env\":[{\"name\":\"API_TOKEN\",\"value\":7}]}]}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"\\u0065nv\":[{\"name\":\"API_\\u0054OKEN\",\"value\":\"x\"}]}]}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"args\":[\"--password\",\"hunter2hunter\"]}]}}",
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"command\":[\"run\",\"--mode\",\"fast\"]}]}}",
                "{\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
                        + "\"{\\\"spec\\\":{\\\"containers\\\":[{\\\"env\\\":[{\\\"name\\\":\\\"DB_PASSWORD\\\",\\\"value\\\":\\\"hunter2hunter\\\"}]}]}}\"}}}",
                "{\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
                        + "\"{\\\"spec\\\":{\\\"containers\\\":[{\\\"\\\\u0065nv\\\":[{\\\"name\\\":\\\"DB_PASSWORD\\\",\\\"value\\\":\\\"hunter2hunter\\\"}]}]}}\"}}}",
                "{\"kind\":\"Pod\",\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
                        + "\"{\\\"metadata\\\":{\\\"name\\\":\\\"x\\\"}}\"}}}",
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/env/0/value\",\"value\":\"hunter2hunter\"}]",
                "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/env\",\"value\":[{\"name\":\"A_SECRET\",\"value\":\"v\"}]}]",
                "[{\"op\":\"replace\",\"path\":\"/metadata/labels/a\",\"value\":\"b\"}]",
                "{\"kind\":\"List\",\"items\":[{\"kind\":\"Secret\",\"data\":{\"k\":\"dmFsdWU=\"}}]}",
                "{\"kind\":\"SecretList\",\"items\":[{\"data\":{\"k\":\"dmFsdWU=\"}}]}",
                "{\"kind\":\"Table\",\"rows\":[{\"object\":{\"kind\":\"Secret\",\"data\":{\"k\":\"dmFsdWU=\"}}}]}",
                "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"},\"data\":{\"password\":\"not-a-secret-object\"}}",
                "{\"kind\":\"ConfigMap\",\"data\":{\"url\":\"https://user:pa55word@example.com/x\"}}",
                "{\"kind\":\"Deployment\",\"items\":[{\"kind\":\"Secret\",\"data\":{\"k\":\"dmFsdWU=\"}}]}",
                "{\"data\":{\"password\":\"aHVudGVyMg==\"}}",
                "{\"status\":{\"token\":\"abc\"},\"spec\":{\"token\":\"def\"}}",
                "{ \"kind\" : \"Pod\" ,\n \"metadata\" : { \"name\" : \"sp\\u0061ced\\/x\" } }",
                "{\"n\":[1.50,1e3,-0,0.0,12345678901234567890123,-7,1E-7,2.5e+2],\"b\":[true,false,null],\"e\":{},\"a\":[]}",
                "{\"n\":1e9999999999}",
                "{\"a\":{\"b\":1,\"b\":2}}",
                "{\"s\":\"\\ud800\"}",
                "{\"s\":\"caf\u00e9 \u2028 \\u00e9\"}");
        List<String[]> requests = List.of(new String[]{"create", "pods", "pods", ""},
                new String[]{"create", "pods", "pods", ",\"name\":\"named\""},
                new String[]{"patch", "deployments/web", "deployments", ",\"name\":\"web\""},
                new String[]{"create", "secrets", "secrets", ""},
                new String[]{"update", "secrets/db", "secrets", ",\"name\":\"db\""},
                new String[]{"create", "serviceaccounts/default/token", "serviceaccounts", ",\"name\":\"default\",\"subresource\":\"token\""},
                new String[]{"create", "tokenreviews", "tokenreviews", ""},
                new String[]{"create", "pods/web/eviction", "pods", ",\"name\":\"web\",\"subresource\":\"eviction\""});
        int id = 0;
        for (String[] request : requests) {
            for (String object : objects) {
                for (String fields : List.of("\"requestObject\":%1$s", "\"responseObject\":%1$s",
                        "\"requestObject\":%1$s,\"responseObject\":%1$s", "\"requestObject\":{\"kind\":\"Pod\"},\"responseObject\":%1$s")) {
                    String event = head.formatted(id++, request[0], request[1], request[2], request[3])
                            + fields.formatted(object) + "," + ENVELOPE + "}";
                    add(inputs, "edge " + id + " " + request[0] + " " + request[1] + " " + abbreviated(object, 60), event);
                }
            }
        }
    }

    @Test
    void anUnreadableObjectIsDroppedAndNotedWithTheFullDecodesReason() {
        byte[] value = ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a-1\",\"stage\":"
                + "\"ResponseComplete\",\"verb\":\"create\",\"requestURI\":\"/api/v1/pods\",\"requestObject\":{\"n\":"
                + "1e9999999999},\"responseObject\":{\"s\":\"x\"}," + ENVELOPE + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(now(value)).isEqualTo(before(value)).contains("droppedObjects").contains("a number out of range");
    }

    // --- the inputs

    private static Map<String, byte[]> inputs() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        for (String text : corpus()) {
            add(inputs, "corpus " + inputs.size(), text);
            String stripped = text.strip();
            if (stripped.startsWith("{") && stripped.endsWith("}") && !stripped.contains("\n")) {
                events.add(stripped);
                add(inputs, "corpus enveloped " + inputs.size(), enveloped(stripped, ENVELOPE));
            }
        }
        assertThat(events).hasSizeGreaterThan(500);
        // Mutations of an evenly spread sample: each mutation of every event would take minutes.
        Random random = new Random(18);
        for (int i = 0; i < events.size(); i += Math.max(1, events.size() / 80)) {
            mutations(inputs, "event " + i, events.get(i), random);
        }
        return inputs;
    }

    private static void mutations(Map<String, byte[]> inputs, String name, String event, Random random) {
        String base = withoutObjects(event);
        add(inputs, name + " without objects", base);
        add(inputs, name + " without objects, enveloped", enveloped(base, ENVELOPE));
        for (String secret : SECRET_FIELDS) {
            add(inputs, name + " + " + secret, enveloped(event, secret));
            add(inputs, name + " + " + secret + " first", first(event, secret));
            add(inputs, name + " without objects + " + secret, enveloped(base, secret + "," + ENVELOPE));
        }
        for (String envelope : List.of("\"cluster\":\"c\"", "\"receivedAt\":\"2026-03-02T11:00:02Z\"",
                "\"cluster\":7", "\"cluster\":{\"a\":[1]}", "\"cluster\":null", "\"receivedAt\":\"yesterday\"",
                "\"receivedAt\":17", "\"receivedAt\":null", "\"cluster\":\"a\",\"cluster\":\"b\"",
                "\"receivedAt\":\"2026-03-02T11:00:02Z\",\"receivedAt\":\"2026-03-02T12:00:02+01:00\"",
                "\"cluster\":\"\"", "\"cluster\":\"x/y\"")) {
            add(inputs, name + " envelope " + envelope, enveloped(event, envelope));
        }
        for (String field : TOP_LEVEL) {
            for (String odd : ODD_VALUES) {
                if (random.nextInt(3) == 0) { // a third of the pairs per event, a different third each time
                    add(inputs, name + " " + field + " last=" + abbreviated(odd), enveloped(event, "\"" + field + "\":" + odd));
                    add(inputs, name + " " + field + " first=" + abbreviated(odd), first(event, "\"" + field + "\":" + odd));
                }
            }
        }
        for (String parent : List.of("user", "impersonatedUser", "objectRef", "responseStatus", "annotations")) {
            for (String odd : ODD_VALUES) {
                if (random.nextInt(3) == 0) {
                    String nested = event.replace("\"" + parent + "\":{", "\"" + parent + "\":{\"zz\":" + odd + ",");
                    add(inputs, name + " " + parent + ".zz=" + abbreviated(odd), nested);
                    add(inputs, name + " " + parent + ".extra=" + abbreviated(odd), event.replace("\"" + parent + "\":{",
                            "\"" + parent + "\":{\"extra\":" + odd + ","));
                }
            }
        }
        for (String field : List.of("requestObject", "responseObject")) {
            for (String odd : List.of("{\"n\":1e9999999999}", "{\"d\":" + DEEP + "}", "{\"s\":\"a\u0001b\"}",
                    "{\"a\":tru}", "{\"n\":" + "9".repeat(1_001) + "}", "[" + DEEP + "]", "{\"a\":1,\"a\":{\"b\":2}}")) {
                add(inputs, name + " unreadable " + field + " " + abbreviated(odd),
                        enveloped(event, "\"" + field + "\":" + odd + "," + ENVELOPE));
                add(inputs, name + " unreadable then readable " + field,
                        enveloped(event, "\"" + field + "\":" + odd + ",\"" + field + "\":{\"ok\":1}"));
            }
        }
        byte[] bytes = enveloped(event, ENVELOPE).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 25)) {
            inputs.put(name + " cut at " + cut, Arrays.copyOf(bytes, cut));
        }
        for (int i = 0; i < 25; i++) {
            byte[] corrupted = bytes.clone();
            int at = random.nextInt(corrupted.length);
            String replacements = "{}[]\",:\\ x0-\u0001";
            corrupted[at] = (byte) replacements.charAt(random.nextInt(replacements.length()));
            if (i % 5 == 0) {
                corrupted[at] = (byte) (0x80 + random.nextInt(0x80)); // invalid UTF-8
            }
            inputs.put(name + " corrupted at " + at + " (" + i + ")", corrupted);
        }
    }

    /** The event without its request and response objects. */
    private static String withoutObjects(String event) {
        try {
            JsonNode node = VigilJson.tolerantMapper().readTree(event);
            if (node instanceof ObjectNode object) {
                object.remove("requestObject");
                object.remove("responseObject");
                return VigilJson.write(object);
            }
        } catch (RuntimeException unreadable) {
            // kept as it is
        }
        return event;
    }

    /** {@code fields} added at the end of the object: the last of duplicate keys wins. */
    private static String enveloped(String event, String fields) {
        String body = event.substring(0, event.length() - 1).strip();
        return body + (body.endsWith("{") ? "" : ",") + fields + "}";
    }

    /** {@code fields} added at the start of the object: a later duplicate wins over them. */
    private static String first(String event, String fields) {
        return "{" + fields + (event.substring(1).strip().startsWith("}") ? "" : ",") + event.substring(1);
    }

    private static String abbreviated(String text) {
        return abbreviated(text, 30);
    }

    private static String abbreviated(String text, int length) {
        return text.length() > length ? text.substring(0, length) + "…(" + text.length() + ")" : text;
    }

    private static void add(Map<String, byte[]> inputs, String name, String text) {
        inputs.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every line of the third-party data, the fixtures and the redaction corpus, and each whole file. */
    private static List<String> corpus() {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(AuditTestData.folder("k8s-audit"), AuditTestData.folder("fixtures"),
                Path.of("src/test/resources/redaction"))) {
            try (Stream<Path> found = Files.walk(folder)) {
                found.filter(Files::isRegularFile).filter(file -> Stream.of(".json", ".jsonl", ".log")
                        .anyMatch(file.getFileName().toString()::endsWith)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            try {
                texts.add(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AuditTestData.lines(file).stream().map(AuditTestData.Line::text).forEach(texts::add);
        }
        return texts;
    }
}
