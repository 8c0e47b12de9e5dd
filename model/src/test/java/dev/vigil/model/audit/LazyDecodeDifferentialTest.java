package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AuditRecordCodec#decodeLazily} against {@link AuditRecordCodec#decode} on every odd or hostile input the
 * other tests use, and on the third-party audit data: once its objects are read, the lazy record is the full one —
 * same fields, same trees, same failures, same {@link DroppedObjects} markers. {@link AuditRecordCodec#decodeStreaming}
 * gives the full one outright.
 */
class LazyDecodeDifferentialTest {

    private static final String ENVELOPE = ",\"cluster\":\"prod-1\",\"receivedAt\":\"2026-03-02T11:00:02Z\"}";

    private static String fixture(String name) throws IOException {
        return Files.readString(AuditTestData.file("fixtures/hostile/" + name)).strip().replace("AUDIT-ID", "id-1");
    }

    private static String enveloped(String event) {
        return event.substring(0, event.length() - 1) + ENVELOPE;
    }

    private static String withRequestObject(String event, String requestObject) {
        int at = event.indexOf(",\"requestObject\":");
        int end = event.indexOf(",\"requestReceivedTimestamp\"");
        return event.substring(0, at) + ",\"requestObject\":" + requestObject + event.substring(end);
    }

    /** Hostile and odd inputs: those of HostileEventTopologyTest, AuditFileReaderHostileTest and more edges. */
    private static Map<String, String> hostile() throws IOException {
        String binding = fixture("anonymous-clusterrolebinding-create.json");
        String deep = "[".repeat(700) + "]".repeat(700);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("duplicate keys in a patch", fixture("patch-duplicate-key.json"));
        cases.put("duplicate name in the request object",
                binding.replace("\"metadata\":{\"name\":\"pwn\"}", "\"metadata\":{\"name\":\"decoy\",\"name\":\"pwn\"}"));
        cases.put("unreadable: nesting 700", withRequestObject(binding, "{\"a\":" + deep + "}"));
        cases.put("unreadable: nesting 600 as an array", withRequestObject(binding, "[".repeat(600) + "]".repeat(600)));
        cases.put("nesting 499 in the object (500 counted from the item)",
                withRequestObject(binding, "[".repeat(499) + "]".repeat(499)));
        cases.put("nesting 500 in the object", withRequestObject(binding, "[".repeat(500) + "]".repeat(500)));
        cases.put("unreadable: name over 50 000", withRequestObject(binding, "{\"" + "n".repeat(60_000) + "\":1}"));
        cases.put("unreadable: number over 1 000 digits", withRequestObject(binding, "{\"n\":" + "9".repeat(1_001) + "}"));
        cases.put("unreadable: syntax error with a secret",
                withRequestObject(binding, "{\"data\":{\"password\":hunter2-secret}}"));
        cases.put("huge exponent that fits", withRequestObject(binding, "{\"n\":1e999999,\"m\":-0.0,\"k\":1.50}"));
        cases.put("control character in a string", withRequestObject(binding, "{\"s\":\"a\u0001b\"}"));
        cases.put("duplicates and deep nesting together",
                withRequestObject(binding, "{\"a\":1,\"a\":2,\"deep\":" + "[".repeat(600) + "]".repeat(600) + "}"));
        cases.put("duplicate requestObject: readable twice",
                withRequestObject(binding, "{\"first\":1},\"requestObject\":{\"second\":2}"));
        cases.put("duplicate requestObject: unreadable then readable",
                withRequestObject(binding, deep + ",\"requestObject\":{\"second\":2}"));
        cases.put("duplicate requestObject: readable then unreadable",
                withRequestObject(binding, "{\"first\":1},\"requestObject\":" + deep));
        cases.put("duplicate requestObject: object then null", withRequestObject(binding, "{\"first\":1},\"requestObject\":null"));
        cases.put("duplicate requestObject: string then object",
                withRequestObject(binding, "\"text\",\"requestObject\":{\"second\":2}"));
        cases.put("requestObject a string", withRequestObject(binding, "\"just text\""));
        cases.put("requestObject a number", withRequestObject(binding, "12.50"));
        cases.put("requestObject an array", withRequestObject(binding, "[1,{\"a\":[]},\"x\"]"));
        cases.put("requestObject empty", withRequestObject(binding, "{}"));
        cases.put("both objects, response a Status", withRequestObject(binding,
                "{\"a\":1},\"responseObject\":{\"kind\":\"Status\",\"code\":409}"));
        cases.put("unreadable response, readable request", withRequestObject(binding,
                "{\"a\":1},\"responseObject\":{\"kind\":\"Status\",\"x\":" + deep + "}"));
        cases.put("ingest already dropped the request object", withRequestObject(binding, "null")
                .replace(",\"requestObject\":null", "")
                .replace("\"annotations\":", "\"droppedObjects\":{\"requestObject\":\"too large\"},\"annotations\":"));
        cases.put("dropped marker and an unreadable response", withRequestObject(binding,
                "{\"a\":1},\"droppedObjects\":{\"requestObject\":\"too large\"},\"responseObject\":" + deep));
        cases.put("duplicate verb", binding.replace("\"verb\":\"create\"", "\"verb\":\"get\",\"verb\":\"create\""));
        cases.put("unquoted verb", binding.replace("\"verb\":\"create\"", "\"verb\":create"));
        cases.put("broken groups", binding.replace("\"groups\":[\"system:unauthenticated\"]}",
                "\"groups\":[\"system:unauthenticated\"}}"));
        cases.put("no auditID", binding.replace("\"auditID\":\"id-1\",", ""));
        cases.put("auditID null", binding.replace("\"auditID\":\"id-1\"", "\"auditID\":null"));
        cases.put("auditID a number", binding.replace("\"auditID\":\"id-1\"", "\"auditID\":7"));
        cases.put("wrong kind", binding.replace("\"kind\":\"Event\"", "\"kind\":\"EventList\""));
        cases.put("code not an integer", binding.replace("\"code\":201", "\"code\":\"201\""));
        cases.put("number out of range in a skipped field of responseStatus",
                binding.replace("\"code\":201", "\"code\":201,\"x\":[1e9999999999]"));
        cases.put("number out of range in a skipped field of user",
                binding.replace("\"groups\":[", "\"x\":{\"y\":-1e9999999999},\"groups\":["));
        cases.put("duplicate requestObject: a number out of range then readable",
                withRequestObject(binding, "{\"n\":1e9999999999},\"requestObject\":{\"second\":2}"));
        StringBuilder nullsGivenAgain = new StringBuilder(); // the tree keeps a key where its null stood
        for (int i = 0; i < 40; i++) {
            nullsGivenAgain.append("\"a").append(i).append("\":null,\"b").append(i).append("\":\"x\",\"a").append(i)
                    .append("\":\"y\",");
        }
        cases.put("annotations: keys null, then given a value after another key",
                binding.replace("\"annotations\":{", "\"annotations\":{" + nullsGivenAgain));
        cases.put("number out of range as the cluster", "{\"cluster\":1e9999999999," + binding.substring(1));
        cases.put("trailing text", binding + " {}");
        cases.put("trailing garbage", binding + "x");
        cases.put("surrounding whitespace", "\n  " + binding + " \n");
        cases.put("not an object", "[" + binding + "]");
        cases.put("a string", "\"event\"");
        cases.put("empty", "");
        cases.put("empty object", "{}");
        cases.put("invalid UTF-8 inside the object", withRequestObject(binding, "{\"s\":\"a\u00ffb\"}"));
        cases.put("unterminated", binding.substring(0, binding.length() - 1));
        return cases;
    }

    private static List<Map.Entry<String, byte[]>> inputs() throws IOException {
        List<Map.Entry<String, byte[]>> inputs = new ArrayList<>();
        hostile().forEach((name, text) -> {
            inputs.add(Map.entry(name, text.getBytes(StandardCharsets.UTF_8)));
            if (text.strip().startsWith("{") && text.strip().endsWith("}") && text.strip().length() > 2) {
                inputs.add(Map.entry(name + " (enveloped)", enveloped(text.strip()).getBytes(StandardCharsets.UTF_8)));
            }
        });
        // invalid UTF-8 as bytes, not as a Java string
        byte[] binding = enveloped(withRequestObject(fixture("anonymous-clusterrolebinding-create.json"),
                "{\"s\":\"aXb\"}")).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < binding.length - 2; i++) {
            if (binding[i] == 'a' && binding[i + 1] == 'X' && binding[i + 2] == 'b') {
                binding[i + 1] = (byte) 0xC3; // a lead byte without its continuation
            }
        }
        inputs.add(Map.entry("invalid UTF-8 bytes inside the object", binding));
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            inputs.add(Map.entry(line.source(), line.text().getBytes(StandardCharsets.UTF_8)));
            String text = line.text().strip();
            if (text.startsWith("{") && text.length() > 2) {
                inputs.add(Map.entry(line.source() + " (enveloped)", enveloped(text).getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String folder : List.of("fixtures/rules", "fixtures/streams")) {
            for (AuditTestData.Line line : AuditTestData.lines(folder, ".jsonl")) {
                inputs.add(Map.entry(line.source(), line.text().getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String folder : List.of("fixtures/aks", "fixtures/gke", "fixtures/eks", "fixtures/hostile")) {
            for (AuditTestData.Line line : AuditTestData.lines(folder, ".json")) {
                inputs.add(Map.entry(line.source(), line.text().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return inputs;
    }

    /**
     * Jackson reports an overlong name with the length it had read when it noticed, which depends on the state of
     * its recycled buffers: {@code decode} itself gives 52731 one time and 60000 the next for the same bytes.
     */
    private static String normalised(String json) {
        return json.replaceAll("Name length \\(\\d+\\)", "Name length (N)");
    }

    @Test
    void theLazyDecodeWithItsObjectsReadIsTheFullDecode() throws IOException {
        List<Map.Entry<String, byte[]>> inputs = inputs();
        assertThat(inputs).hasSizeGreaterThan(600);
        int lazy = 0;
        int dropped = 0;
        for (Map.Entry<String, byte[]> input : inputs) {
            Decoded<AuditRecord> full = AuditRecordCodec.decode(input.getValue());
            Decoded<AuditRecord> lazily = AuditRecordCodec.decodeLazily(input.getValue());
            Decoded<AuditRecord> streaming = AuditRecordCodec.decodeStreaming(input.getValue());
            assertThat(lazily.isOk()).as(input.getKey()).isEqualTo(full.isOk());
            assertThat(streaming.isOk()).as(input.getKey()).isEqualTo(full.isOk());
            if (!full.isOk()) {
                assertThat(lazily).as(input.getKey()).isEqualTo(full);
                assertThat(streaming).as(input.getKey()).isEqualTo(full);
                continue;
            }
            assertThat(streaming.value().objects()).as(input.getKey()).isNull();
            assertThat(normalised(VigilJson.write(streaming.value().event()))).as(input.getKey())
                    .isEqualTo(normalised(VigilJson.write(full.value().event())));
            if (DroppedObjects.of(full.value().event()).isEmpty()) { // else the reason may say another name length
                assertThat(streaming.value()).as(input.getKey()).isEqualTo(full.value());
            }
            AuditRecord expected = full.value();
            AuditRecord actual = lazily.value();
            lazy += actual.objects() != null ? 1 : 0;
            dropped += DroppedObjects.of(expected.event()).isEmpty() ? 0 : 1;
            assertThat(actual.requestObject()).as(input.getKey()).isEqualTo(expected.event().requestObject());
            assertThat(actual.responseObject()).as(input.getKey()).isEqualTo(expected.event().responseObject());
            AuditRecord whole = actual.whole();
            assertThat(whole.objects()).isNull();
            assertThat(whole.cluster()).as(input.getKey()).isEqualTo(expected.cluster());
            assertThat(whole.receivedAt()).as(input.getKey()).isEqualTo(expected.receivedAt());
            assertThat(normalised(VigilJson.write(whole.event()))).as(input.getKey())
                    .isEqualTo(normalised(VigilJson.write(expected.event())));
            if (DroppedObjects.of(expected.event()).isEmpty()) {
                assertThat(whole.event()).as(input.getKey()).isEqualTo(expected.event());
                assertThat(actual).as(input.getKey()).isEqualTo(expected).hasSameHashCodeAs(expected);
            } else {
                assertThat(DroppedObjects.of(whole.event()).keySet()).as(input.getKey())
                        .isEqualTo(DroppedObjects.of(expected.event()).keySet());
            }
        }
        assertThat(lazy).as("records decoded lazily").isGreaterThan(150);
        assertThat(dropped).as("records with a dropped object").isGreaterThan(10);
    }

    /**
     * An exponent BigDecimal cannot hold made Jackson's tree reader throw {@link NumberFormatException} unwrapped, so
     * a user's request body could make decode fail outright; now the object is dropped and noted like any unreadable one.
     */
    @Test
    void aNumberOutOfRangeInAnObjectDropsAndNotesTheObjectBothWaysAndKeepsTheEvent() throws IOException {
        byte[] value = enveloped(withRequestObject(fixture("anonymous-clusterrolebinding-create.json"),
                "{\"n\":1e9999999999}")).getBytes(StandardCharsets.UTF_8);
        Decoded<AuditRecord> full = AuditRecordCodec.decode(value);
        assertThat(full.isOk()).as("an attacker's number must not cost the event").isTrue();
        assertThat(full.value().event().requestObject()).isNull();
        assertThat(full.value().event().verb()).isEqualTo("create");
        assertThat(String.valueOf(full.value().event().other())).contains("a number out of range");
        AuditRecord lazily = AuditRecordCodec.decodeLazily(value).value();
        assertThat(lazily.requestObject()).isNull();
        assertThat(lazily.whole()).isEqualTo(full.value());
    }

    @Test
    void leavesTheObjectsUnreadUntilAskedAndReadsEachOnce() throws IOException {
        String text = enveloped(withRequestObject(fixture("anonymous-clusterrolebinding-create.json"),
                "{\"metadata\":{\"name\":\"pwn\"}},\"responseObject\":{\"metadata\":{\"name\":\"pwn\",\"uid\":\"u\"}}"));
        AuditRecord record = AuditRecordCodec.decodeLazily(text.getBytes(StandardCharsets.UTF_8)).value();

        assertThat(record.objects()).isNotNull();
        assertThat(record.event().requestObject()).as("not read").isNull();
        assertThat(record.event().responseObject()).as("not read").isNull();
        assertThat(record.event().verb()).isEqualTo("create");
        assertThat(record.cluster()).isEqualTo("prod-1");
        assertThat(record.requestObject()).isSameAs(record.requestObject());
        assertThat(record.responseObject().path("metadata").path("uid").asString()).isEqualTo("u");
        assertThat(record.whole().event()).isSameAs(record.whole().event());
        assertThat(record.whole().event().requestObject()).isSameAs(record.requestObject());
        assertThat(record.withEnvelope("other", null).requestObject()).isSameAs(record.requestObject());
    }

    @Test
    void aRecordWithoutObjectsNeedsNothingLater() throws IOException {
        String metadataOnly = enveloped(withRequestObject(fixture("anonymous-clusterrolebinding-create.json"), "null")
                .replace(",\"requestObject\":null", ""));
        AuditRecord record = AuditRecordCodec.decodeLazily(metadataOnly.getBytes(StandardCharsets.UTF_8)).value();
        assertThat(record.objects()).isNull();
        assertThat(record.whole()).isSameAs(record);
    }
}
