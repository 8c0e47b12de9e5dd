package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.json.VigilJson;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RuleLoadException;
import dev.vigil.streams.rules.RulesProperties;
import dev.vigil.streams.rules.StatefulKind;
import dev.vigil.streams.rules.StatefulRule;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.streams.stateful.StatefulEvents.exec;
import static dev.vigil.streams.stateful.StatefulEvents.grant;
import static dev.vigil.streams.stateful.StatefulEvents.refused;
import static dev.vigil.streams.stateful.StatefulEvents.secretRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameters, their overrides, the stores they size, and determinism of the stateful rules. */
class StatefulRulesConfigTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static RuleEngine engine(Map<String, Map<String, String>> params) {
        return RuleEngine.load(new RulesProperties(null, null, null, null, null, params));
    }

    private static StatefulRule rule(RuleEngine engine, String id) {
        return engine.statefulRules().stream().filter(rule -> rule.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void bundledParametersAndTheirOverrides() {
        StatefulRule burst = rule(engine(Map.of()), "forbidden-burst");
        assertThat(burst.kind()).isEqualTo(StatefulKind.THRESHOLD);
        assertThat(burst.threshold()).isEqualTo(20);
        assertThat(burst.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(burst.grace()).isEqualTo(Duration.ofMinutes(1));

        RuleEngine tuned = engine(Map.of("forbidden-burst", Map.of("threshold", "50", "window", "10m"),
                "new-exec-principal", Map.of("history", "30d", "max-terms", "5"),
                "long-lived-pod", Map.of("limit", "12h")));
        assertThat(rule(tuned, "forbidden-burst").threshold()).isEqualTo(50);
        assertThat(rule(tuned, "forbidden-burst").window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule(tuned, "new-exec-principal").history()).isEqualTo(Duration.ofDays(30));
        assertThat(rule(tuned, "new-exec-principal").maxTerms()).isEqualTo(5);
        assertThat(tuned.longLivedPod().limit()).isEqualTo(Duration.ofHours(12));
        assertThat(rule(tuned, "rbac-grant-then-use").within()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anUnknownRuleOrParameterOrABadValueIsAStartUpError() {
        assertThatThrownBy(() -> engine(Map.of("forbiden-burst", Map.of("threshold", "5"))))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("vigil.rules.params.forbiden-burst")
                .hasMessageContaining("no such rule");
        assertThatThrownBy(() -> engine(Map.of("forbidden-burst", Map.of("treshold", "5"))))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("has no parameter treshold");
        assertThatThrownBy(() -> engine(Map.of("forbidden-burst", Map.of("window", "soon"))))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("params.window");
        assertThatThrownBy(() -> engine(Map.of("forbidden-burst", Map.of("threshold", "-1"))))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("positive whole number");
    }

    @Test
    void everyStoreIsChangelogged() {
        List<StatefulRule> rules = engine(Map.of()).statefulRules();
        assertThat(StatefulProcessor.stores(rules)).extracting(StoreBuilder::name).containsExactlyInAnyOrder(
                StatefulProcessor.THRESHOLD_STORE, StatefulProcessor.SEQUENCE_STORE,
                StatefulProcessor.SEQUENCE_ALERTS_STORE, StatefulProcessor.NEW_TERMS_STORE);
        assertThat(StatefulProcessor.stores(rules)).allSatisfy(store -> assertThat(store.loggingEnabled())
                .as(store.name()).isTrue());
        // retention follows the rules: the longest window + grace, within + grace, history
        assertThat(rules.stream().filter(r -> r.kind() == StatefulKind.THRESHOLD).map(StatefulRule::retention)
                .max(Duration::compareTo)).contains(Duration.ofMinutes(11));
        assertThat(rule(engine(Map.of()), "rbac-grant-then-use").retention()).isEqualTo(Duration.ofMinutes(35));
        assertThat(rule(engine(Map.of()), "new-exec-principal").retention()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void theSameEventsThroughFreshStateGiveTheSameAlerts() {
        RuleEngine engine = engine(Map.of());
        List<AuditRecord> events = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            events.add(record(refused("r-" + i, "mallory@example.com", "s" + i, T0.plusSeconds(i))));
        }
        events.add(record(grant("g-1", "bob@example.com", "edit", T0)));
        events.add(record(secretRead("u-1", "bob@example.com", "shop", "db", T0.plusSeconds(30))));
        events.add(record(exec("e-1", "bob@example.com", "shop", "web-0", T0.plus(Duration.ofDays(2)))));

        List<Alert> first = run(engine, events);
        List<Alert> second = run(engine, events);

        assertThat(first).extracting(alert -> alert.rule().id()).contains("forbidden-burst",
                "rbac-grant-then-use");
        assertThat(VigilJson.write(second)).isEqualTo(VigilJson.write(first));
    }

    private static List<Alert> run(RuleEngine engine, List<AuditRecord> events) {
        OfflineStateful offline = new OfflineStateful(engine, new AlertFactory(Redactor.withDefaults(),
                Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(1)), StatefulSettings.defaults());
        List<Alert> alerts = new ArrayList<>();
        events.forEach(event -> alerts.addAll(offline.add(event)));
        return alerts;
    }

    private static AuditRecord record(tools.jackson.databind.node.ObjectNode event) {
        return StatefulEvents.record(event, "prod-1");
    }
}
