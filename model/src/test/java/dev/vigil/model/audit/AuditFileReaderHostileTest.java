package dev.vigil.model.audit;

import dev.vigil.model.audit.AuditFileReader.Item;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cluster user can put into one event's body (a patch's raw bytes end up in {@code requestObject}) and what a
 * token holder can put into a batch: none of it may end the read of the other items.
 */
class AuditFileReaderHostileTest {

    private static final int ITEMS = 40;
    private static final int BAD = 5; // item 6

    private static List<Item> read(String text) throws IOException {
        return read(text, AuditFileReader.DEFAULT_MAX_ITEM_CHARS);
    }

    private static List<Item> read(String text, int maxItemChars) throws IOException {
        try (AuditFileReader reader = AuditFileReader.of(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test", maxItemChars)) {
            List<Item> items = new ArrayList<>();
            reader.forEachRemaining(items::add);
            return items;
        }
    }

    private static String event(int i) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"RequestResponse\",\"auditID\":\"id-" + i
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/shop/configmaps/c" + i
                + "\",\"verb\":\"patch\",\"user\":{\"username\":\"alice\",\"groups\":[\"dev\"]},"
                + "\"objectRef\":{\"resource\":\"configmaps\",\"namespace\":\"shop\",\"name\":\"c" + i + "\"},"
                + "\"requestObject\":{\"data\":{\"pad\":\"" + "x".repeat(2000) + "\"}}}";
    }

    /** A one-line EventList, as the webhook backend sends it, over 64 KB so that it is read as a streamed document. */
    private static String eventList(String badItem) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(i == BAD ? badItem : event(i));
        }
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + String.join(",", items) + "]}";
        assertThat(list.length()).isGreaterThan(64 * 1024);
        return list;
    }

    private static String withRequestObject(String requestObject) {
        return event(BAD).replaceFirst("\"requestObject\":\\{.*}}$", "\"requestObject\":" + requestObject.replace("$", "\\$") + "}");
    }

    private static void assertOthersIntact(List<Item> items) {
        assertThat(items).hasSize(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            if (i != BAD) {
                assertThat(items.get(i).isOk()).as("item %d", i).isTrue();
                assertThat(items.get(i).originalText()).isEqualTo(event(i));
            }
        }
    }

    @Test
    void aDuplicateKeyInARequestObjectIsReadAsTheApiServerReadsItTheLastOneWins() throws IOException {
        String bad = withRequestObject("{\"metadata\":{\"labels\":{\"app\":\"a\",\"app\":\"b\"}},\"spec\":1,\"spec\":2}");

        List<Item> items = read(eventList(bad));

        assertOthersIntact(items);
        Item item = items.get(BAD);
        assertThat(item.isOk()).isTrue();
        assertThat(item.flaw()).isNull();
        assertThat(item.originalText()).as("sent on byte for byte").isEqualTo(bad);
        assertThat(item.node().path("requestObject").path("metadata").path("labels").path("app").asString()).isEqualTo("b");
        assertThat(item.node().path("requestObject").path("spec").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestObjectNestedDeeperThan500LevelsIsDroppedAndTheEnvelopeKept() throws IOException {
        String bad = withRequestObject("[".repeat(600) + "]".repeat(600));

        List<Item> items = read(eventList(bad));

        assertOthersIntact(items);
        assertDropped(items.get(BAD), bad, "nesting depth");
    }

    @Test
    void aFieldNameOf60000CharactersInARequestObjectIsDroppedAndTheEnvelopeKept() throws IOException {
        String bad = withRequestObject("{\"" + "n".repeat(60_000) + "\":1}");

        List<Item> items = read(eventList(bad));

        assertOthersIntact(items);
        assertDropped(items.get(BAD), bad, "name");
    }

    private static void assertDropped(Item item, String original, String reason) {
        assertThat(item.isOk()).isTrue();
        assertThat(item.flaw()).isEqualTo(Item.Flaw.OBJECTS_DROPPED);
        assertThat(item.text()).as("the original, for the dead-letter topic").isEqualTo(original);
        assertThat(item.originalText()).as("never sent on as the event").isNull();
        assertThat(item.node().has("requestObject")).isFalse();
        assertThat(item.node().path("auditID").asString()).isEqualTo("id-" + BAD);
        assertThat(item.node().path("user").path("username").asString()).isEqualTo("alice");
        assertThat(DroppedObjects.of(item.node())).containsOnlyKeys("requestObject");
        assertThat(DroppedObjects.of(item.node()).get("requestObject")).startsWith("unreadable").containsIgnoringCase(reason);
    }

    @Test
    void theReasonForADroppedObjectNeverQuotesItsContent() throws IOException {
        String bad = withRequestObject("{\"data\":{\"password\":hunter2-secret}}");

        List<Item> items = read(eventList(bad));

        assertOthersIntact(items);
        assertDropped(items.get(BAD), bad, "not valid JSON");
        assertThat(items.get(BAD).node().toString()).doesNotContain("hunter2");
    }

    @Test
    void aSyntaxErrorInsideAnItemMakesThatItemAnErrorWithItsBytesAndTheRestIsRead() throws IOException {
        String bad = event(BAD).replace("\"verb\":\"patch\"", "\"verb\":patch");

        List<Item> items = read(eventList(bad));

        assertOthersIntact(items);
        assertThat(items.get(BAD).isOk()).isFalse();
        assertThat(items.get(BAD).flaw()).isEqualTo(Item.Flaw.UNREADABLE);
        assertThat(items.get(BAD).error()).startsWith("not valid JSON");
        assertThat(items.get(BAD).text()).isEqualTo(bad);
    }

    @Test
    void aJsonLineWithADuplicateKeyIsReadAndABadItemOfAOneLineListIsIsolated() throws IOException {
        List<Item> items = read("{\"auditID\":\"a\",\"verb\":\"get\",\"verb\":\"delete\"}\n"
                + "{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"b\"},{\"auditID\":\"c\",\"verb\":get},{\"auditID\":\"d\"}]}\n");

        assertThat(items).hasSize(4);
        assertThat(items.get(0).node().path("verb").asString()).isEqualTo("delete");
        assertThat(items).extracting(Item::isOk).containsExactly(true, true, false, true);
        assertThat(items.get(2).text()).isEqualTo("{\"auditID\":\"c\",\"verb\":get}");
        assertThat(items).extracting(Item::line).containsExactly(1L, 2L, 2L, 2L);
    }

    @Test
    void aDocumentBrokenBeyondRecoveryHandsOverEveryUnreadCharacter() throws IOException {
        String broken = event(BAD).replace("\"groups\":[\"dev\"]}", "\"groups\":[\"dev\"}}");
        String list = eventList(broken);
        String rest = list.substring(list.indexOf(broken));

        List<Item> items = read(list, 3000);

        assertThat(items.subList(0, BAD)).allMatch(Item::isOk);
        List<Item> unread = items.subList(BAD, items.size());
        assertThat(unread).isNotEmpty().allSatisfy(item -> {
            assertThat(item.flaw()).isEqualTo(Item.Flaw.UNREAD_REST);
            assertThat(item.text().length()).isLessThanOrEqualTo(3000);
            assertThat(item.error()).contains("broken");
        });
        assertThat(unread.stream().map(Item::text).collect(Collectors.joining())).isEqualTo(rest);
    }

    @Test
    void anItemOverTheSizeLimitComesInPartsAndTheNextItemIsRead() throws IOException {
        String big = event(BAD).replace("x".repeat(2000), "x".repeat(5000));
        List<Item> items = read(eventList(big), 3000);

        assertThat(items.stream().filter(Item::isOk).map(i -> i.node().path("auditID").asString()))
                .doesNotContain("id-" + BAD).hasSize(ITEMS - 1);
        List<Item> parts = items.stream().filter(i -> i.flaw() == Item.Flaw.OVERSIZE).toList();
        assertThat(parts).hasSize(2).allSatisfy(part -> assertThat(part.error()).contains("larger than"));
        assertThat(parts.stream().map(Item::text).collect(Collectors.joining())).isEqualTo(big);
    }

    @Test
    void theItemsOfAnEventWithAnUnreadableObjectSurviveTheRecordCodecToo() {
        String bad = withRequestObject("{\"a\":1,\"a\":2,\"deep\":" + "[".repeat(600) + "]".repeat(600) + "}");
        var decoded = AuditRecordCodec.decode(bad.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.isOk()).isTrue();
        assertThat(decoded.value().event().requestObject()).isNull();
        assertThat(DroppedObjects.of(decoded.value().event())).containsOnlyKeys("requestObject");

        String duplicate = withRequestObject("{\"a\":1,\"a\":2}");
        assertThat(AuditRecordCodec.decode(duplicate.getBytes(StandardCharsets.UTF_8)).value().event().requestObject()
                .path("a").asInt()).isEqualTo(2);
        assertThat(AuditEventParser.parse(duplicate).isOk()).isTrue();
        assertThat(VigilJson.tolerantMapper().readTree(duplicate).path("requestObject").path("a").asInt()).isEqualTo(2);
    }
}
