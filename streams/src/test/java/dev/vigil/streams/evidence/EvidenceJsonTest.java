package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.ObjectReference;
import dev.vigil.model.audit.ResponseStatus;
import dev.vigil.model.audit.UserInfo;
import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.ecs.EcsSource;
import dev.vigil.model.ecs.EcsUser;
import dev.vigil.model.ecs.EcsUserAgent;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.testing.TestAuditEvents;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EvidenceSerializer} writes the bytes the topic's {@link JsonSerde} writes, for every event of the
 * third-party data and of the fixtures (as the evidence application maps and redacts them), and for documents
 * that use every field: nulls, impersonation, extras, unknown event fields, status details, redactions, nanoseconds.
 */
class EvidenceJsonTest {

    private final EvidenceMapper mapper = new EvidenceMapper(Redactor.withDefaults());
    private final Serializer<Evidence> before = JsonSerde.of(Evidence.class).serializer();
    private final Serializer<Evidence> now = EvidenceTopology.serde(
            new dev.vigil.streams.kafka.TopicSpec<>("vigil.evidence", org.apache.kafka.common.serialization.Serdes.String(),
                    JsonSerde.of(Evidence.class))).serializer();

    @Test
    void writesTheSameBytesForEveryEventOfTheDataAndFixtures() {
        List<AuditRecord> records = new ArrayList<>();
        for (String line : lines()) {
            try {
                JsonNode node = VigilJson.mapper().readTree(line);
                if (node instanceof ObjectNode object) {
                    var decoded = AuditRecordCodec.decode(AuditRecordCodec.encode(object, "prod-1",
                            TestAuditEvents.RECEIVED_AT));
                    if (decoded.isOk()) {
                        records.add(decoded.value());
                    }
                }
            } catch (JacksonException | IllegalArgumentException notAnEvent) {
                // a line of a fixture that is no audit event
            }
        }
        assertThat(records).hasSizeGreaterThan(200);
        int redacted = 0;
        for (AuditRecord record : records) {
            Evidence evidence = mapper.evidence(record);
            redacted += evidence.vigil().redacted().isEmpty() ? 0 : 1;
            assertSameBytes(evidence);
        }
        assertThat(redacted).as("some documents carry redactions").isPositive();
    }

    @Test
    void writesTheSameBytesForDocumentsUsingEveryField() {
        ObjectNode details = VigilJson.mapper().createObjectNode().put("name", "x").put("big", new BigDecimal("1.50E+3"));
        details.putNull("nothing").putArray("causes").add("é\u2028\"\\\n").addNull();
        ObjectNode request = VigilJson.mapper().createObjectNode().put("kind", "Secret").put("n", 12345678901234L);
        request.putObject("data").put("password", "c2VjcmV0").putNull("empty");
        Map<String, JsonNode> other = new LinkedHashMap<>();
        other.put("unknownField", VigilJson.mapper().createObjectNode().put("a", 1));
        other.put("another", VigilJson.mapper().getNodeFactory().stringNode("v"));
        AuditEvent full = new AuditEvent("audit.k8s.io/v1", "Event", "RequestResponse", "id-1", "ResponseComplete",
                "/api/v1/namespaces/default/secrets/db?token=abc", "update",
                new UserInfo("alice", "uid-1", List.of("g1", "g2"), Map.of("scopes", List.of("a", "b"), "empty", List.of())),
                new UserInfo("bob", null, List.of(), Map.of()), List.of("10.0.0.1", "::1"), "kubectl/1.30 \"quoted\"",
                new ObjectReference("secrets", "default", "db", "u", "", "v1", "42", "status"),
                new ResponseStatus(409, "Failure", "Conflict", "password=hunter22 failed", details), request,
                VigilJson.mapper().getNodeFactory().nullNode(), Instant.parse("2026-03-02T10:00:00.123456Z"),
                Instant.parse("2026-03-02T10:00:00.123456789Z"), Map.of("k", "v", "authorization.k8s.io/reason", "RBAC: x"),
                other);
        AuditRecord record = new AuditRecord("prod-1", Instant.parse("2026-03-02T10:00:01.100Z"), full);
        assertSameBytes(mapper.evidence(record));

        Evidence everything = new Evidence(Instant.ofEpochSecond(-1, 5), "m", new EcsEvent("alert", "i",
                Instant.parse("+12026-01-01T00:00:00Z"), 73, List.of("a", "b"), "d", "act", "failure"),
                new EcsUser("u", new EcsUser.Group(List.of("x")), EcsUser.of("t", List.of())), new EcsSource("1.2.3.4"),
                new EcsUserAgent("ua"), Orchestrator.kubernetes("c", "ns", "pods", "p", "v1"),
                new Evidence.Kubernetes(full), new Evidence.VigilEvidenceInfo(Instant.EPOCH, List.of("requestURI")));
        assertSameBytes(everything);
        assertSameBytes(new Evidence(null, null, null, null, null, null, null, null, null));
        assertSameBytes(new Evidence(Instant.EPOCH, null, new EcsEvent(null, null, null, null, null, null, null, null),
                new EcsUser(null, null, null), new EcsSource(null), new EcsUserAgent(null),
                new Orchestrator(null, null, null, null, null), new Evidence.Kubernetes(null),
                new Evidence.VigilEvidenceInfo(null, null)));
    }

    @Test
    void documentsWrittenOneAfterTheOtherOnOneThreadEachStandAlone() {
        Evidence small = new Evidence(Instant.EPOCH, "small", null, null, null, null, null, null, null);
        for (int i = 0; i < 5; i++) {
            assertSameBytes(small);
        }
        assertThat(new String(now.serialize("t", small), StandardCharsets.UTF_8)).startsWith("{\"@timestamp\"");
    }

    @Test
    void aDocumentThatCannotBeWrittenLeavesTheNextOneWhole() {
        AuditEvent broken = new AuditEvent("audit.k8s.io/v1", "Event", "Metadata", "id-3", "ResponseComplete", "/",
                "get", null, null, null, null, null, null, new tools.jackson.databind.node.POJONode(new Unwritable()), null, null, null, null, null);
        Evidence unwritable = new Evidence(Instant.EPOCH, "m", null, null, null, null, null,
                new Evidence.Kubernetes(broken), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> now.serialize("t", unwritable));

        assertSameBytes(new Evidence(Instant.EPOCH, "after", null, null, null, null, null, null, null));
    }

    @Test
    void aLargeDocumentIsWrittenWholeAndTheNextOneToo() {
        String big = "x".repeat(3 << 20);
        AuditEvent event = new AuditEvent("audit.k8s.io/v1", "Event", "Metadata", "id-2", "ResponseComplete", "/" + big,
                "get", null, null, null, null, null, null, null, null, null, null, null, null);
        Evidence large = mapper.evidence(new AuditRecord("c", Instant.EPOCH, event));

        assertSameBytes(large);
        assertSameBytes(new Evidence(Instant.EPOCH, "small", null, null, null, null, null, null, null));
    }

    /** A value whose serialisation fails half-way through a document. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("unwritable");
        }
    }

    private void assertSameBytes(Evidence evidence) {
        byte[] expected = before.serialize("vigil.evidence", evidence);
        byte[] actual = now.serialize("vigil.evidence", evidence);
        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }

    /** Every line of the third-party data and of the shared fixtures, and each whole .json file. */
    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String folder : List.of("k8s-audit", "fixtures")) {
            try (Stream<Path> files = Files.walk(AuditTestData.folder(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".log")) {
                        lines.add(Files.readString(file));
                        lines.addAll(AuditTestData.lines(file).stream().map(AuditTestData.Line::text).toList());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
