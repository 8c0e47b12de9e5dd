package dev.vigil.dashboards.saved;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the bundled saved objects the way OpenSearch Dashboards would find out the hard way: every line an object,
 * every reference resolvable inside the file, and every field a visualization, control or search uses present in
 * the alerting module's index templates with a type its aggregation works on.
 */
class SavedObjectsTest {

    private static final Set<String> NUMBERS = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float", "unsigned_long");
    private static final Predicate<String> DATE = "date"::equals;
    private static final Predicate<String> NUMBER = NUMBERS::contains;
    /** What a terms aggregation or a list control can bucket on (text fields cannot). */
    private static final Predicate<String> AGGREGATABLE =
            type -> Set.of("keyword", "ip", "boolean", "date").contains(type) || NUMBERS.contains(type);
    private static final Pattern KQL_FIELD = Pattern.compile("([@\\w.]+)\\s*:");

    private static List<JsonNode> objects;
    private static IndexTemplateFields templates;

    @BeforeAll
    static void load() {
        String ndjson = new String(SavedObjects.bundled(), StandardCharsets.UTF_8);
        objects = new ArrayList<>();
        ndjson.lines().filter(line -> !line.isBlank())
                .forEach(line -> objects.add(VigilJson.mapper().readTree(line)));
        templates = IndexTemplateFields.fromClasspath();
    }

    @Test
    void everyLineIsOneSavedObjectWithTypeIdAttributesAndReferences() {
        String ndjson = new String(SavedObjects.bundled(), StandardCharsets.UTF_8);
        assertThat(ndjson.lines().filter(String::isBlank)).isEmpty();
        assertThat(objects).hasSize((int) ndjson.lines().count()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(objects).allSatisfy(object -> {
            assertThat(object.isObject()).isTrue();
            assertThat(object.path("type").asString()).isIn("index-pattern", "visualization", "search", "dashboard");
            assertThat(object.path("id").asString()).matches("vigil-[a-z0-9-]+");
            assertThat(object.path("attributes").path("title").asString()).isNotBlank();
            assertThat(object.path("references").isArray()).isTrue();
            assertThat(object.path("migrationVersion").isObject()).isTrue();
        });
        Set<String> keys = new HashSet<>();
        objects.forEach(object -> assertThat(keys.add(key(object))).as("unique " + key(object)).isTrue());
    }

    @Test
    void shipsTheIndexPatternsDashboardsAndSearchesTheSocNeeds() {
        assertThat(titles("index-pattern")).containsExactlyInAnyOrder("vigil-alerts-*", "vigil-audit-*");
        assertThat(titles("dashboard")).containsExactlyInAnyOrder("Vigil — SOC overview", "Vigil — forensics");
        assertThat(titles("search")).contains("Vigil — activity of one user", "Vigil — history of one object",
                "Vigil — requests from one source IP");
        assertThat(titles("visualization")).contains("Vigil — alerts over time by severity", "Vigil — top rules",
                "Vigil — top users and service accounts", "Vigil — alerts by cluster and namespace",
                "Vigil — BSI APP.4.4 requirements with alerts", "Vigil — audit events over time by verb",
                "Vigil — audit events over time by response code");
        objects.stream().filter(object -> type(object).equals("index-pattern")).forEach(pattern ->
                assertThat(pattern.path("attributes").path("timeFieldName").asString()).isEqualTo("@timestamp"));
    }

    @Test
    void everyReferenceResolvesToAnObjectInTheFile() {
        Set<String> keys = new HashSet<>();
        objects.forEach(object -> keys.add(key(object)));
        int references = 0;
        for (JsonNode object : objects) {
            Set<String> names = new HashSet<>();
            for (JsonNode reference : object.path("references")) {
                references++;
                assertThat(keys).as("reference %s of %s", reference, key(object))
                        .contains(reference.path("type").asString() + ":" + reference.path("id").asString());
                assertThat(names.add(reference.path("name").asString())).as("unique reference name").isTrue();
            }
            assertThat(names).as("reference names used by %s", key(object)).containsAll(referenceNamesUsed(object));
        }
        assertThat(references).isGreaterThan(30);
    }

    @Test
    void everyIndexPatternHasAnIndexTemplateWithADateTimeField() {
        objects.stream().filter(object -> type(object).equals("index-pattern")).forEach(pattern -> {
            Map<String, String> fields = fieldsOf(pattern);
            assertThat(fields.get(pattern.path("attributes").path("timeFieldName").asString())).isEqualTo("date");
        });
    }

    @Test
    void everyAggregationFieldExistsWithAFittingType() {
        int checked = 0;
        for (JsonNode vis : ofType("visualization")) {
            JsonNode state = json(vis.path("attributes").path("visState").asString());
            Map<String, String> fields = indexPatternOf(vis).map(this::fieldsOf).orElse(Map.of());
            for (JsonNode agg : state.path("aggs")) {
                String field = agg.path("params").path("field").asString(null);
                String aggType = agg.path("type").asString();
                if (field == null) {
                    assertThat(aggType).as("%s in %s", aggType, key(vis)).isEqualTo("count");
                    continue;
                }
                Predicate<String> fits = switch (aggType) {
                    case "date_histogram" -> DATE;
                    case "terms", "cardinality" -> AGGREGATABLE;
                    case "max", "min" -> DATE.or(NUMBER);
                    case "avg", "sum" -> NUMBER;
                    default -> type -> false;
                };
                assertThat(fields).as("field %s of %s", field, key(vis)).containsKey(field);
                assertThat(fits.test(fields.get(field)))
                        .as("%s on %s (%s) in %s", aggType, field, fields.get(field), key(vis)).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    @Test
    void everyControlFieldCanBeListed() {
        Map<String, JsonNode> byKey = byKey();
        int controls = 0;
        for (JsonNode vis : ofType("visualization")) {
            JsonNode state = json(vis.path("attributes").path("visState").asString());
            for (JsonNode control : state.path("params").path("controls")) {
                String refName = control.path("indexPatternRefName").asString();
                JsonNode pattern = byKey.get("index-pattern:" + referenceId(vis, refName));
                Map<String, String> fields = fieldsOf(pattern);
                String field = control.path("fieldName").asString();
                assertThat(fields).as("control field %s", field).containsKey(field);
                assertThat(AGGREGATABLE.test(fields.get(field))).as("list control on %s", field).isTrue();
                controls++;
            }
        }
        assertThat(controls).isEqualTo(5);
    }

    @Test
    void everySearchColumnSortAndQueryFieldExists() {
        for (JsonNode search : ofType("search")) {
            Map<String, String> fields = indexPatternOf(search).map(this::fieldsOf).orElseThrow();
            JsonNode attributes = search.path("attributes");
            attributes.path("columns").forEach(column ->
                    assertThat(fields).as("column of %s", key(search)).containsKey(column.asString()));
            attributes.path("sort").forEach(sort ->
                    assertThat(fields.get(sort.get(0).asString())).as("sort of %s", key(search)).isEqualTo("date"));
            String query = json(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asString())
                    .path("query").path("query").asString();
            Matcher matcher = KQL_FIELD.matcher(query);
            while (matcher.find()) {
                assertThat(fields).as("query field of %s", key(search)).containsKey(matcher.group(1));
            }
        }
    }

    @Test
    void dashboardsPlaceEveryPanelOnTheGridAndReferenceIt() {
        for (JsonNode dashboard : ofType("dashboard")) {
            JsonNode panels = json(dashboard.path("attributes").path("panelsJSON").asString());
            assertThat(panels.size()).isEqualTo(dashboard.path("references").size()).isGreaterThanOrEqualTo(6);
            panels.forEach(panel -> {
                JsonNode grid = panel.path("gridData");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("panel width").isLessThanOrEqualTo(48);
                assertThat(grid.path("h").asInt()).isPositive();
            });
        }
    }

    private Map<String, String> fieldsOf(JsonNode indexPattern) {
        String title = indexPattern.path("attributes").path("title").asString();
        return templates.fieldsFor(title).orElseThrow(() ->
                new AssertionError("no index template of the alerting module covers " + title));
    }

    private Optional<JsonNode> indexPatternOf(JsonNode object) {
        String refName = json(object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asString())
                .path("indexRefName").asString(null);
        return refName == null ? Optional.empty()
                : Optional.ofNullable(byKey().get("index-pattern:" + referenceId(object, refName)));
    }

    private static String referenceId(JsonNode object, String name) {
        for (JsonNode reference : object.path("references")) {
            if (reference.path("name").asString().equals(name)) {
                return reference.path("id").asString();
            }
        }
        throw new AssertionError(key(object) + " has no reference named " + name);
    }

    /** Names that the serialized JSON inside an object refers to: indexRefName, panelRefName, indexPatternRefName. */
    private static Set<String> referenceNamesUsed(JsonNode object) {
        Set<String> names = new HashSet<>();
        Pattern refName = Pattern.compile("\"(indexRefName|panelRefName|indexPatternRefName)\":\"([^\"]+)\"");
        Matcher matcher = refName.matcher(object.path("attributes").toString().replace("\\\"", "\""));
        while (matcher.find()) {
            names.add(matcher.group(2));
        }
        return names;
    }

    private static Map<String, JsonNode> byKey() {
        Map<String, JsonNode> byKey = new HashMap<>();
        objects.forEach(object -> byKey.put(key(object), object));
        return byKey;
    }

    private static List<JsonNode> ofType(String type) {
        return objects.stream().filter(object -> type(object).equals(type)).toList();
    }

    private static List<String> titles(String type) {
        return ofType(type).stream().map(object -> object.path("attributes").path("title").asString()).toList();
    }

    private static String type(JsonNode object) {
        return object.path("type").asString();
    }

    private static String key(JsonNode object) {
        return type(object) + ":" + object.path("id").asString();
    }

    private static JsonNode json(String text) {
        return VigilJson.mapper().readTree(text);
    }
}
