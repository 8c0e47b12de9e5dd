package dev.vigil.ingest.webhook;

import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.TopicRecords;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 on the real broker: what a cluster user puts into one event's body, or one event's size, never costs the
 * other events of its batch, and never turns into a 503 the API server retries forever.
 */
class HostileBatchIT extends WebhookTestSupport {

    private static String fixture(String name, String auditID) {
        try {
            return Files.readString(AuditTestData.file("fixtures/hostile/" + name)).strip().replace("AUDIT-ID", auditID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> eventTexts(String seed, int size) {
        List<String> texts = new ArrayList<>();
        TestEvents.eventList(seed, size).get("items").forEach(item -> texts.add(VigilJson.write(item)));
        return texts;
    }

    private static String eventList(List<String> items) {
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + String.join(",", items) + "]}";
    }

    @Test
    void aPatchWithADuplicateKeyHidesNeitherItselfNorTheAnonymousBindingAfterIt() {
        List<String> items = new ArrayList<>(eventTexts("evasion", 400));
        String patch = fixture("patch-duplicate-key.json", TestEvents.auditId("evasion", 5));
        items.set(5, patch);
        items.set(6, fixture("anonymous-clusterrolebinding-create.json", TestEvents.auditId("evasion", 6)));
        String body = eventList(items);
        assertThat(body.length()).as("streamed, not probed").isGreaterThan(64 * 1024);
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 400; i++) {
            ids.add(TestEvents.auditId("evasion", i));
        }

        HttpResponse<String> response = post("/v1/audit", "token-a", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(VigilJson.write(json(response))).isEqualTo("{\"accepted\":400,\"rejected\":0}");
        Map<String, TopicRecords.Entry> records = auditRecords(ids).stream()
                .collect(Collectors.toMap(TopicRecords.Entry::key, entry -> entry, (a, b) -> b));
        assertThat(records).hasSize(400);
        assertThat(records.get(TestEvents.auditId("evasion", 5)).text()).as("the patch as the API server sent it")
                .startsWith(patch.substring(0, patch.length() - 1));
        assertThat(records.get(TestEvents.auditId("evasion", 6)).value().path("user").path("username").asString())
                .isEqualTo("system:anonymous");
    }

    @Test
    void anEventTooLargeForAKafkaRecordIsSentWithoutItsObjectsAndItsOriginalDeadLetteredAlsoOnRetry() {
        List<String> items = new ArrayList<>(eventTexts("too-large", 11));
        ObjectNode big = (ObjectNode) VigilJson.mapper().readTree(items.get(5));
        big.putObject("requestObject").put("kind", "ConfigMap").putObject("data").put("blob", "b".repeat(1_300_000));
        String bigText = VigilJson.write(big);
        items.set(5, bigText);
        String body = eventList(items);

        for (int attempt = 0; attempt < 2; attempt++) {
            Instant before = Instant.now();
            HttpResponse<String> response = post("/v1/audit", "token-b", body);

            assertThat(response.statusCode()).as("attempt %d: %s", attempt, response.body()).isEqualTo(200);
            assertThat(VigilJson.write(json(response))).isEqualTo("{\"accepted\":11,\"rejected\":0,\"altered\":1}");
            assertThat(deadLetterPayloads("cluster-b", before)).as("the original, in parts").isEqualTo(bigText);
        }
        List<TopicRecords.Entry> shrunk = auditRecords(Set.of(TestEvents.auditId("too-large", 5)));
        assertThat(shrunk).hasSize(2).allSatisfy(record -> {
            assertThat(record.value().has("requestObject")).isFalse();
            assertThat(record.value().path("droppedObjects").path("requestObject").asString()).startsWith("too large");
            assertThat(record.value().path("verb").asString()).isEqualTo(big.path("verb").asString());
        });
        assertThat(auditRecords(Set.copyOf(ids("too-large", 11)))).hasSize(22);
    }

    @Test
    void anEventTooLargeEvenWithoutItsObjectsIsDeadLetteredAndTheOthersProduced() {
        List<String> items = new ArrayList<>(eventTexts("too-large-envelope", 11));
        ObjectNode big = (ObjectNode) VigilJson.mapper().readTree(items.get(5));
        big.put("userAgent", "u".repeat(1_300_000));
        String bigText = VigilJson.write(big);
        items.set(5, bigText);

        for (int attempt = 0; attempt < 2; attempt++) {
            Instant before = Instant.now();
            HttpResponse<String> response = post("/v1/audit", "token-b", eventList(items));

            assertThat(response.statusCode()).as("attempt %d: %s", attempt, response.body()).isEqualTo(200);
            assertThat(VigilJson.write(json(response))).isEqualTo("{\"accepted\":10,\"rejected\":1}");
            assertThat(deadLetterPayloads("cluster-b", before)).isEqualTo(bigText);
        }
        assertThat(auditRecords(Set.of(TestEvents.auditId("too-large-envelope", 5)))).isEmpty();
        assertThat(auditRecords(Set.copyOf(ids("too-large-envelope", 11)))).hasSize(20);
    }

    private static List<String> ids(String seed, int size) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(TestEvents.auditId(seed, i));
        }
        return ids;
    }

    /** The payloads of the dead letters a cluster received since {@code since}, in item and part order. */
    private static String deadLetterPayloads(String cluster, Instant since) {
        return TopicRecords.read(bootstrapServers(), TOPICS.dlq(), cluster).stream()
                .filter(entry -> !Instant.parse(entry.value().path("receivedAt").asString()).isBefore(since))
                .sorted(Comparator.comparing((TopicRecords.Entry entry) -> number(entry.key(), ":item-"))
                        .thenComparing(entry -> number(entry.key(), "#part-")))
                .map(entry -> entry.value().path("payload").asString())
                .collect(Collectors.joining());
    }

    private static long number(String source, String after) {
        int at = source.indexOf(after);
        if (at < 0) {
            return 0;
        }
        Matcher digits = Pattern.compile("\\d+").matcher(source);
        return digits.find(at + after.length()) ? Long.parseLong(digits.group()) : 0;
    }
}
