package dev.vigil.model.audit;

import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditFileReaderTest {

    private static List<AuditFileReader.Item> read(String text) throws IOException {
        try (AuditFileReader reader = AuditFileReader.of(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test")) {
            List<AuditFileReader.Item> items = new ArrayList<>();
            reader.forEachRemaining(items::add);
            return items;
        }
    }

    @Test
    void readsJsonLinesAndKeepsGoingAfterABadLine() throws IOException {
        List<AuditFileReader.Item> items = read("{\"auditID\":\"a\"}\n\n{\"auditID\": oops\n{\"auditID\":\"c\"}\n");
        assertThat(items).extracting(AuditFileReader.Item::line).containsExactly(1L, 3L, 4L);
        assertThat(items.get(1).isOk()).isFalse();
        assertThat(items.get(1).error()).startsWith("not valid JSON");
        assertThat(items.get(1).text()).isEqualTo("{\"auditID\": oops");
        assertThat(items.get(2).node().path("auditID").asString()).isEqualTo("c");
    }

    @Test
    void streamsTheItemsOfAPrettyPrintedEventList() throws IOException {
        String eventList = """
                {
                  "kind": "EventList",
                  "apiVersion": "audit.k8s.io/v1",
                  "metadata": {},
                  "items": [
                    {"auditID": "a", "verb": "get"},
                    {"auditID": "b",
                     "verb": "create"}
                  ]
                }
                """;
        List<AuditFileReader.Item> items = read(eventList);
        assertThat(items).extracting(i -> i.node().path("auditID").asString()).containsExactly("a", "b");
        assertThat(items).extracting(AuditFileReader.Item::line).containsExactly(6L, 7L);
    }

    @Test
    void readsAnEventListOnOneLineAJsonArrayAndASinglePrettyEvent() throws IOException {
        assertThat(read("{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"a\"},{\"auditID\":\"b\"}]}")).hasSize(2);
        assertThat(read("[\n {\"auditID\":\"a\"},\n {\"auditID\":\"b\"},\n 3\n]")).hasSize(3);
        List<AuditFileReader.Item> single = read("{\n \"kind\": \"Event\",\n \"auditID\": \"x\"\n}\n");
        assertThat(single).singleElement().satisfies(i -> assertThat(i.node().path("auditID").asString()).isEqualTo("x"));
    }

    @Test
    void streamsAOneLineEventListLongerThanTheProbe() throws IOException {
        StringBuilder list = new StringBuilder("{\"kind\":\"EventList\",\"items\":[");
        for (int i = 0; i < 3000; i++) {
            list.append(i == 0 ? "" : ",").append("{\"auditID\":\"").append(i).append("\",\"verb\":\"get\"}");
        }
        list.append("]}\n{\"auditID\":\"after\"}\n");
        assertThat(list.length()).isGreaterThan(64 * 1024);
        List<AuditFileReader.Item> items = read(list.toString());
        assertThat(items).hasSize(3001);
        assertThat(items.get(3000).node().path("auditID").asString()).isEqualTo("after");
        assertThat(items).allMatch(AuditFileReader.Item::isOk);
    }

    @Test
    void reportsATruncatedDocumentAsOneError() throws IOException {
        List<AuditFileReader.Item> items = read("{\"kind\":\"EventList\",\n\"items\":[{\"auditID\":\"a\"},\n{\"audit");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).isOk()).isTrue();
        assertThat(items.get(1).error()).startsWith("not valid JSON");
    }

    @Test
    void readsGzipAndTheThirdPartyFiles(@TempDir Path dir) throws IOException {
        Path demo = AuditTestData.file("k8s-audit/audit2rbac/demo.log");
        Path gz = dir.resolve("demo.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(demo));
        }
        try (AuditFileReader plain = AuditFileReader.open(demo); AuditFileReader zipped = AuditFileReader.open(gz)) {
            List<String> plainIds = new ArrayList<>();
            plain.forEachRemaining(i -> plainIds.add(i.node().path("auditID").asString()));
            List<String> zippedIds = new ArrayList<>();
            zipped.forEachRemaining(i -> zippedIds.add(i.node().path("auditID").asString()));
            assertThat(plainIds).hasSize(37).isEqualTo(zippedIds);
        }
    }

    @Test
    void keepsTheTextOfAJsonLineAndOfEveryDocumentItemAsRead() throws IOException {
        String line = "{ \"auditID\" : \"a\",  \"verb\":\"get\" }";
        assertThat(read(line + "\n")).singleElement().satisfies(i -> assertThat(i.originalText()).isEqualTo(line));
        List<AuditFileReader.Item> listed = read("{\"kind\":\"EventList\",\n\"items\":[ {\"auditID\" : \"b\"},\n7 ]}");
        assertThat(listed).extracting(AuditFileReader.Item::originalText).containsExactly("{\"auditID\" : \"b\"}", "7");
        // a list on one JSON line: its items have no text of their own, the node is serialised when asked
        List<AuditFileReader.Item> oneLine = read("{\"kind\":\"EventList\",\"items\":[{\"auditID\" : \"c\"}]}\n"
                + "{\"auditID\":\"d\"}\n");
        assertThat(oneLine.get(0).originalText()).isNull();
        assertThat(oneLine.get(0).text()).isEqualTo("{\"auditID\":\"c\"}");
        assertThat(new AuditFileReader.Item("test", 1, null, null, "not valid JSON").text()).isEmpty();
    }

    @Test
    void theTextOfADocumentItemIsExactlyWhatArrivedAcrossTheReadersBuffers() throws IOException {
        List<String> texts = new ArrayList<>();
        StringBuilder document = new StringBuilder("\uFEFF{\n  \"kind\": \"EventList\",\n  \"items\": [\n");
        for (int i = 0; i < 600; i++) {
            String item = "{ \"auditID\": \"id-" + i + "\", \"n\": 1.50e" + (i % 5) + ",\n    \"s\": \"\\u00e9\\\"ü "
                    + "x".repeat(i * 37 % 9000) + "\", \"o\": {\"a\": [1, {\"b\": null}], \"t\": true}\t}";
            texts.add(item);
            document.append(i == 0 ? "    " : " ,\r\n    ").append(item);
        }
        document.append("\n  ],\n  \"metadata\": {}\n}\n");

        List<AuditFileReader.Item> items = read(document.toString());

        assertThat(items).extracting(AuditFileReader.Item::originalText).containsExactlyElementsOf(texts);
        assertThat(items).allSatisfy(item -> assertThat(item.node())
                .isEqualTo(dev.vigil.model.json.VigilJson.mapper().readTree(item.originalText())));
    }

    @Test
    void aSingleEventAndTheElementsOfAnArrayKeepTheirTextToo() throws IOException {
        String event = "{\n  \"auditID\": \"e\",\n  \"items\": 3,\n  \"user\": {\"username\": \"u\"}\n}";
        assertThat(read("  " + event + "\n")).singleElement()
                .satisfies(item -> assertThat(item.originalText()).isEqualTo(event));
        assertThat(read("[\n" + event + ",\n{\"auditID\":\"f\"} ]")).extracting(AuditFileReader.Item::originalText)
                .containsExactly(event, "{\"auditID\":\"f\"}");
    }
}
