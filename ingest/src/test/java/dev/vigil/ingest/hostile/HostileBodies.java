package dev.vigil.ingest.hostile;

import dev.vigil.ingest.TestEvents;
import dev.vigil.model.hostile.Mutations;
import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Webhook bodies built from a valid EventList whose events carry secrets (a Secret's data and stringData, a
 * password-named env value): the parser mutations of {@link Mutations} applied to the whole body, plus wrong JSON
 * types put into a random field of a random item. Reproducible from the seed.
 */
public final class HostileBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Secret values put into events; none may show up in a log line. */
    public static final List<String> SECRETS = List.of("hunter2-fuzz-8f3a9c", "aGVsbG8tZnV6ei1zZWNyZXQ=",
            "sk_live_fuzz_51HqTz9Q", "p@ss-fuzz-42-!");

    private HostileBodies() {
    }

    /** A valid EventList of {@code size} events, each with a secret somewhere in it. */
    public static ObjectNode eventList(String seed, int size) {
        ObjectNode list = TestEvents.eventList(seed, size);
        int i = 0;
        for (JsonNode item : list.get("items")) {
            withSecret((ObjectNode) item, SECRETS.get(i++ % SECRETS.size()));
        }
        return list;
    }

    /** Puts a secret into the event: a Secret request object, or a password env value of a pod. */
    public static ObjectNode withSecret(ObjectNode event, String secret) {
        ObjectNode request = event.putObject("requestObject");
        request.put("kind", "Secret").put("apiVersion", "v1");
        request.putObject("metadata").put("name", "db-credentials").put("namespace", "shop")
                .putObject("annotations").put("kubectl.kubernetes.io/last-applied-configuration",
                        "{\"stringData\":{\"password\":\"" + secret + "\"}}");
        request.putObject("data").put("password", secret);
        request.putObject("stringData").put("token", secret);
        ObjectNode pod = event.putObject("responseObject");
        pod.put("kind", "Pod").put("apiVersion", "v1");
        pod.putObject("spec").putArray("containers").addObject().put("name", "app")
                .putArray("env").addObject().put("name", "DB_PASSWORD").put("value", secret);
        return event;
    }

    public static byte[] mutated(Random random) {
        byte[] valid = VigilJson.writeBytes(eventList("fuzz-" + random.nextInt(), 1 + random.nextInt(8)));
        if (random.nextInt(3) == 0) {
            return wrongType(valid, random);
        }
        Mutations mutation = Mutations.values()[random.nextInt(Mutations.values().length)];
        return mutation.apply(valid, random);
    }

    /** One field of one item (at any depth of the event envelope) replaced by a value of a wrong JSON type. */
    static byte[] wrongType(byte[] valid, Random random) {
        ObjectNode list = (ObjectNode) VigilJson.mapper().readTree(valid);
        ArrayNode items = (ArrayNode) list.get("items");
        ObjectNode item = (ObjectNode) items.get(random.nextInt(items.size()));
        List<ObjectNode> parents = new ArrayList<>(List.of(item));
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (field.getValue().isObject() && !field.getKey().endsWith("Object")) {
                parents.add((ObjectNode) field.getValue());
            }
        }
        ObjectNode parent = parents.get(random.nextInt(parents.size()));
        List<String> names = new ArrayList<>(parent.propertyNames());
        String secret = SECRETS.get(random.nextInt(SECRETS.size()));
        List<JsonNode> wrong = List.of(NODES.numberNode(random.nextLong()), NODES.booleanNode(false),
                NODES.arrayNode().add(secret), NODES.objectNode().put("password", secret), NODES.nullNode(),
                NODES.stringNode(secret), NODES.numberNode(1e300));
        parent.set(names.get(random.nextInt(names.size())), wrong.get(random.nextInt(wrong.size())));
        return VigilJson.writeBytes(list);
    }

    /** A fixture of {@code fixtures/hostile/} (one event on one line) with its {@code AUDIT-ID} replaced. */
    public static String fixture(String name, String auditID) {
        try {
            return java.nio.file.Files.readString(dev.vigil.model.testdata.AuditTestData.file("fixtures/hostile/" + name))
                    .strip().replace("AUDIT-ID", auditID);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The compact texts of {@code size} API-server-shaped events (see {@link TestEvents#eventList}). */
    public static List<String> eventTexts(String seed, int size) {
        List<String> texts = new ArrayList<>();
        TestEvents.eventList(seed, size).get("items").forEach(item -> texts.add(VigilJson.write(item)));
        return texts;
    }

    /** A one-line EventList of these item texts, as the webhook backend sends it. */
    public static String eventList(List<String> items) {
        return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + String.join(",", items) + "]}";
    }

    /** An event's text with its requestObject replaced by raw text (a patch's bytes, as the API server copies them). */
    public static String withRawRequestObject(String event, String requestObject) {
        ObjectNode node = (ObjectNode) VigilJson.tolerantMapper().readTree(event);
        node.remove("requestObject");
        String text = VigilJson.write(node);
        return text.substring(0, text.length() - 1) + ",\"requestObject\":" + requestObject + "}";
    }

    /**
     * Items a cluster user (through a request body) or a token holder can make that must cost no other item of the
     * batch: name → the item's text, given the event it replaces.
     */
    public static Map<String, java.util.function.UnaryOperator<String>> hostileItems() {
        Map<String, java.util.function.UnaryOperator<String>> shapes = new java.util.LinkedHashMap<>();
        shapes.put("duplicate key", event -> withRawRequestObject(event, "{\"a\":1,\"a\":{\"b\":2},\"a\":3}"));
        shapes.put("nesting 600 deep", event -> withRawRequestObject(event, "[".repeat(600) + "]".repeat(600)));
        shapes.put("60 000-character name", event -> withRawRequestObject(event, "{\"" + "n".repeat(60_000) + "\":1}"));
        shapes.put("syntax error", event -> event.replaceFirst("\"verb\":\"(\\w+)\"", "\"verb\":$1"));
        shapes.put("bracket closing the wrong one", event -> event.replaceFirst("]", "}"));
        return shapes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
