package dev.vigil.ingest;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;

/** Audit events shaped like the API server's, built from the {@code fixtures/ingest/eventlist.json} fixture. */
public final class TestEvents {

    private TestEvents() {
    }

    /** The fixture: an EventList of three events (pod create, secret get, network policy delete). */
    public static ObjectNode sampleEventList() {
        try {
            return (ObjectNode) VigilJson.mapper().readTree(Files.readString(
                    AuditTestData.file("fixtures/ingest/eventlist.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event of the fixture with a fresh auditID. */
    public static ObjectNode event(int fixtureIndex, String auditID) {
        ObjectNode event = ((ObjectNode) sampleEventList().get("items").get(fixtureIndex)).deepCopy();
        event.put("auditID", auditID);
        return event;
    }

    /**
     * An EventList as the webhook backend sends it (compact, one line): {@code size} events cycling through the
     * fixture's three, each with its own auditID derived from {@code seed}.
     */
    public static ObjectNode eventList(String seed, int size) {
        ObjectNode list = sampleEventList();
        ArrayNode items = list.putArray("items");
        ObjectNode fixture = sampleEventList();
        for (int i = 0; i < size; i++) {
            ObjectNode event = ((ObjectNode) fixture.get("items").get(i % 3)).deepCopy();
            event.put("auditID", auditId(seed, i));
            items.add(event);
        }
        return list;
    }

    public static String auditId(String seed, int i) {
        return UUID.nameUUIDFromBytes((seed + "/" + i).getBytes()).toString();
    }

    public static String compact(JsonNode node) {
        return VigilJson.write(node);
    }
}
