package dev.vigil.streams.rules;

import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.rules.file.RuleLocation;
import dev.vigil.streams.rules.file.TestsSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Expands a rule's {@code tests} block into cases, reading the fixture files its {@code ref}s name. */
final class RuleTestCases {

    private RuleTestCases() {
    }

    static List<RuleTestCase> of(TestsSpec tests, RuleLocation ruleFile) throws IOException {
        List<RuleTestCase> cases = new ArrayList<>();
        add(cases, tests.fire(), true, ruleFile);
        add(cases, tests.noFire(), false, ruleFile);
        return cases;
    }

    private static void add(List<RuleTestCase> cases, List<JsonNode> items, boolean fire, RuleLocation ruleFile)
            throws IOException {
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String label = (fire ? "fire[" : "no_fire[") + i + "]";
            boolean wrapped = item.isObject() && (item.has("event") || item.has("ref") || item.has("events"));
            if (!wrapped) {
                cases.add(new RuleTestCase(label, item, fire, null, null, null, null));
                continue;
            }
            String name = item.path("name").asString(label);
            String severity = item.hasNonNull("severity") ? item.get("severity").asString() : null;
            String message = item.hasNonNull("message") ? item.get("message").asString() : null;
            JsonNode details = item.get("details");
            String at = item.hasNonNull("at") ? item.get("at").asString() : null;
            JsonNode lists = item.get("lists");
            if (item.has("event")) {
                cases.add(new RuleTestCase(name, item.get("event"), fire, severity, message, details, at, lists));
            } else if (item.has("events")) {
                // a stateful rule's case: the events (an array) in one case
                cases.add(new RuleTestCase(name, item.get("events"), fire, severity, message, details, at, lists));
            } else {
                String ref = item.get("ref").asString();
                List<JsonNode> events = readEvents(ruleFile.resolve(ref));
                for (int n = 0; n < events.size(); n++) {
                    String caseName = events.size() == 1 ? name + " (" + ref + ")" : name + " (" + ref + "#" + (n + 1)
                            + ")";
                    cases.add(new RuleTestCase(caseName, events.get(n), fire, severity, message, details, at, lists));
                }
            }
        }
    }

    /** A fixture: one JSON document (event, array of events or EventList) or JSON lines. */
    static List<JsonNode> readEvents(RuleLocation fixture) throws IOException {
        String text = fixture.read();
        List<JsonNode> events = new ArrayList<>();
        try {
            JsonNode whole = VigilJson.mapper().readTree(text);
            if (whole.isArray()) {
                whole.forEach(events::add);
            } else if (whole.has("items") && whole.get("items").isArray()) {
                whole.get("items").forEach(events::add);
            } else {
                events.add(whole);
            }
            return events;
        } catch (JacksonException notOneDocument) {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        events.add(VigilJson.mapper().readTree(line));
                    } catch (JacksonException e) {
                        throw new IOException(fixture.name() + ": not JSON: " + e.getOriginalMessage(), e);
                    }
                }
            }
            return events;
        }
    }
}
