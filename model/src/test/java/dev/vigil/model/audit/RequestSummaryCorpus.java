package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inputs and the reference of {@link RequestSummaryReaderDifferentialTest}: every audit event the repository's
 * tests hold, as record values, and the summary the decoders give for a value.
 */
final class RequestSummaryCorpus {

    static final String ENVELOPE = ",\"cluster\":\"prod-1\",\"receivedAt\":\"2026-03-02T11:00:02Z\"}";

    /** The streams module's benign corpus (20 000 events of a busy cluster's day), from the module or the root. */
    private static final String BUSY_DAY = "streams/src/test/resources/noise/busy-cluster-day.jsonl.gz";

    private RequestSummaryCorpus() {
    }

    /** What both decoders make of a value: equal summaries, or null when they fail. */
    static RequestSummary reference(byte[] value) {
        Decoded<AuditRecord> lazily = AuditRecordCodec.decodeLazily(value);
        Decoded<AuditRecord> full = AuditRecordCodec.decode(value);
        if (lazily.isOk() != full.isOk()) {
            throw new AssertionError("decoders disagree on success: " + text(value));
        }
        if (!lazily.isOk()) {
            return null;
        }
        RequestSummary summary = RequestSummary.of(lazily.value().event());
        if (!summary.equals(RequestSummary.of(full.value().event()))) {
            throw new AssertionError("decoders disagree on the summary: " + text(value));
        }
        return summary;
    }

    /**
     * Whether the objects of a record, as both decoders read them, may hold a pod by
     * {@link RequestSummary#mayHoldPod()}'s definition: one is not an object (a JSON Patch is an array), or has a
     * {@code spec} object with one of {@link RequestSummary#POD_SPEC_NAMES}. False for a record they cannot decode.
     */
    static boolean objectsMayHoldPod(byte[] value) {
        for (Decoded<AuditRecord> decoded : List.of(AuditRecordCodec.decodeLazily(value),
                AuditRecordCodec.decode(value))) {
            if (decoded.isOk() && decoded.value().event() != null
                    && (mayHoldPod(decoded.value().requestObject()) || mayHoldPod(decoded.value().responseObject()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHoldPod(JsonNode object) {
        if (object == null || object.isNull() || object.isMissingNode()) {
            return false;
        }
        if (!object.isObject()) {
            return true;
        }
        JsonNode spec = object.get("spec");
        return spec != null && spec.isObject() && RequestSummary.POD_SPEC_NAMES.stream().anyMatch(spec::has);
    }

    static String text(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() <= 3_000 ? text : text.substring(0, 3_000) + "…";
    }

    static String enveloped(String event) {
        String text = event.strip();
        return text.substring(0, text.length() - 1) + (text.length() > 2 ? ENVELOPE : ENVELOPE.substring(1));
    }

    /** The third-party events as they are and as records (with the envelope), by source. */
    static Map<String, byte[]> thirdParty() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            inputs.put(line.source(), utf8(line.text()));
            if (line.text().strip().startsWith("{") && line.text().strip().endsWith("}")) {
                inputs.put(line.source() + " (record)", utf8(enveloped(line.text())));
            }
        }
        return inputs;
    }

    /** Vigil's own fixtures: one event per line, whole files, and the items of an EventList. */
    static Map<String, byte[]> fixtures() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (String folder : List.of("fixtures/rules", "fixtures/streams")) {
            for (AuditTestData.Line line : AuditTestData.lines(folder, ".jsonl")) {
                inputs.put(line.source(), utf8(line.text()));
                inputs.put(line.source() + " (record)", utf8(enveloped(line.text())));
            }
        }
        for (String folder : List.of("fixtures/aks", "fixtures/gke", "fixtures/eks", "fixtures/hostile")) {
            try (Stream<Path> files = Files.list(AuditTestData.folder(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    String text = Files.readString(file);
                    inputs.put(folder + "/" + file.getFileName(), utf8(text));
                    inputs.put(folder + "/" + file.getFileName() + " (record)", utf8(enveloped(text)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            JsonNode list = VigilJson.tolerantMapper().readTree(Files.readString(
                    AuditTestData.file("fixtures/ingest/eventlist.json")));
            int i = 0;
            for (JsonNode item : list.get("items")) {
                inputs.put("eventlist.json item " + i++, utf8(enveloped(item.toString())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inputs;
    }

    /** The benign corpus's events as records, or none when the streams module's test data is not at hand. */
    static List<byte[]> busyDay() {
        Path file = Stream.of(Path.of("..", BUSY_DAY), Path.of(BUSY_DAY)).filter(Files::isRegularFile).findFirst()
                .orElse(null);
        if (file == null) {
            return List.of();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            List<byte[]> records = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add(utf8(enveloped(line)));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events to vary: the hostile fixture (every summary field set) and real ones with request/response objects. */
    static List<ObjectNode> bases() {
        List<ObjectNode> bases = new ArrayList<>();
        try {
            String hostile = "fixtures/hostile/anonymous-clusterrolebinding-create.json";
            bases.add(tree(Files.readString(AuditTestData.file(hostile)).replace("AUDIT-ID", "id-1")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            String text = line.text();
            if ((text.contains("\"requestObject\"") || text.contains("\"responseObject\"")) && text.contains("\"user\"")
                    && reference(utf8(text)) != null && bases.size() < 25) {
                bases.add(tree(text));
            }
        }
        List<byte[]> day = busyDay();
        for (int i = 0; i < day.size() && bases.size() < 40; i += 997) {
            bases.add(tree(new String(day.get(i), StandardCharsets.UTF_8)));
        }
        assertThat(bases).hasSizeGreaterThan(20);
        return bases;
    }

    static ObjectNode tree(String text) {
        return (ObjectNode) VigilJson.tolerantMapper().readTree(text);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
