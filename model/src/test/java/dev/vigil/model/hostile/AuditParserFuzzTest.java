package dev.vigil.model.hostile;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile input for the parsers every stage runs on untrusted bytes: the real third-party events, mutated with a
 * fixed seed (truncated, invalid UTF-8, random bytes, deep nesting in requestObject (the event is kept without it),
 * huge strings, duplicate keys (read as the API server reads them: the last wins), control
 * characters, number overflow, empty; {@link Mutations}, also used by the webhook fuzz test), and every field of an event replaced by every wrong JSON type. The parsers
 * must never throw, never hang, and either decode the event or name why not.
 */
class AuditParserFuzzTest {

    private static final long SEED = 0x5EED_F022L;
    private static final int ROUNDS = 6;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void mutatedEventsAreDecodedOrRejectedWithAReasonNeverThrown() {
        Random random = new Random(SEED);
        List<AuditTestData.Line> events = AuditTestData.thirdPartyEvents();
        Map<Mutations, int[]> outcomes = new EnumMap<>(Mutations.class);
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (Mutations mutation : Mutations.values()) {
                    byte[] valid = events.get(random.nextInt(events.size())).text().getBytes(StandardCharsets.UTF_8);
                    byte[] hostile = mutation.apply(valid, random);
                    int[] counts = outcomes.computeIfAbsent(mutation, m -> new int[2]);
                    counts[judge(mutation, hostile) ? 0 : 1]++;
                }
            }
        });
        assertThat(outcomes).containsOnlyKeys(Mutations.values());
        assertThat(outcomes.get(Mutations.EMPTY)[1]).as("empty input rejected").isEqualTo(ROUNDS);
        assertThat(outcomes.get(Mutations.RANDOM_BYTES)[1]).as("random bytes rejected").isEqualTo(ROUNDS);
        assertThat(outcomes.get(Mutations.DUPLICATE_KEY)[0]).as("duplicate keys read as Go reads them, the last wins")
                .isEqualTo(ROUNDS);
        assertThat(outcomes.get(Mutations.DEEP_NESTING)[0])
                .as("deep nesting in requestObject: the event is kept, the object dropped").isEqualTo(ROUNDS);
    }

    /** Parses one hostile input every way Vigil does; true when the event was decoded. */
    private static boolean judge(Mutations mutation, byte[] hostile) {
        String text = new String(hostile, StandardCharsets.UTF_8);
        Decoded<AuditEvent> parsed = AuditEventParser.parse(text);
        requireReason(mutation, parsed);
        Decoded<AuditRecord> decoded = AuditRecordCodec.decode(hostile);
        requireReason(mutation, decoded);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), hostile)) {
            // Invalid UTF-8 becomes U+FFFD in a String but is an error in bytes: only valid UTF-8 must agree.
            assertThat(decoded.isOk()).as("%s: codec and parser agree", mutation).isEqualTo(parsed.isOk());
        }
        try (AuditFileReader reader = AuditFileReader.of(new ByteArrayInputStream(hostile), "fuzz")) {
            int items = 0;
            while (reader.hasNext() && items < 10_000) {
                AuditFileReader.Item item = reader.next();
                assertThat(item.isOk() || !item.error().isBlank()).as("%s: reader item has a reason", mutation).isTrue();
                items++;
            }
            assertThat(items).as("%s: reader ends", mutation).isLessThan(10_000);
        } catch (java.io.IOException e) {
            throw new AssertionError(mutation + ": closing the reader failed", e);
        }
        return parsed.isOk();
    }

    private static void requireReason(Mutations mutation, Decoded<?> decoded) {
        if (decoded instanceof Decoded.Failed<?> failed) {
            assertThat(failed.reason()).as("%s: reason", mutation).isNotBlank();
            assertThat(failed.reason().length()).as("%s: reason stays short", mutation).isLessThan(2_000);
        }
    }

    @Test
    void everyFieldWithEveryWrongTypeIsDecodedOrRejectedNamingTheField() {
        ObjectNode event = (ObjectNode) VigilJson.mapper().readTree(AuditTestData.thirdPartyEvents().stream()
                .map(AuditTestData.Line::text)
                .filter(text -> text.contains("\"responseStatus\"") && text.contains("\"objectRef\"")
                        && text.contains("\"annotations\"") && text.contains("\"sourceIPs\""))
                .findFirst().orElseThrow());
        List<List<String>> paths = fieldPaths(event, List.of());
        assertThat(paths).contains(List.of("auditID"), List.of("user", "username"), List.of("user", "groups"),
                List.of("objectRef", "resource"), List.of("responseStatus", "code"), List.of("stageTimestamp"));
        List<JsonNode> wrongTypes = List.of(NODES.numberNode(42), NODES.numberNode(-1.5e308), NODES.booleanNode(true),
                NODES.arrayNode().add("x"), NODES.objectNode().put("k", "v"), NODES.nullNode(), NODES.stringNode(""),
                NODES.stringNode("\u0000\uFFFF"));
        List<String> rejectedWithoutField = new ArrayList<>();
        int rejected = 0;
        for (List<String> path : paths) {
            for (JsonNode wrong : wrongTypes) {
                ObjectNode copy = event.deepCopy();
                replace(copy, path, wrong);
                Decoded<AuditRecord> decoded = AuditRecordCodec.decode(
                        AuditRecordCodec.encode(copy, "fuzz", Instant.EPOCH));
                if (decoded instanceof Decoded.Failed<AuditRecord> failed) {
                    rejected++;
                    String leaf = path.get(path.size() - 1);
                    if (!failed.reason().contains(leaf)) {
                        rejectedWithoutField.add(path + " = " + wrong + ": " + failed.reason());
                    }
                } else {
                    assertThat(decoded.value().event()).as("%s = %s decoded", path, wrong).isNotNull();
                }
            }
        }
        assertThat(rejectedWithoutField).as("rejections that do not name the field").isEmpty();
        assertThat(rejected).as("wrong types rejected").isGreaterThan(paths.size());
    }

    /** Every field path of the event, objects included; request/response objects are opaque trees. */
    private static List<List<String>> fieldPaths(JsonNode node, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            paths.add(List.copyOf(path));
            boolean opaque = path.get(0).equals("requestObject") || path.get(0).equals("responseObject");
            if (field.getValue().isObject() && !opaque) {
                paths.addAll(fieldPaths(field.getValue(), path));
            }
        }
        return paths;
    }

    private static void replace(ObjectNode root, List<String> path, JsonNode value) {
        ObjectNode parent = root;
        for (String part : path.subList(0, path.size() - 1)) {
            parent = (ObjectNode) parent.get(part);
        }
        parent.set(path.get(path.size() - 1), value);
    }
}
