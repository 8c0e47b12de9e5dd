package dev.vigil.streams.stateful;

import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulHitsTest {

    @Test
    void aHitCarriesTheEventsPartOfTheAlertNotTheRulesTexts() {
        RuleEngine engine = RuleEngine.load(RulesProperties.defaults());
        AlertFactory factory = new AlertFactory(Redactor.withDefaults(), Clock.systemUTC(), Duration.ofHours(1));
        List<StatefulHit> hits = StatefulHits.hits(engine, factory, StatefulEvents.record(StatefulEvents.exec("e-1",
                "dev@example.com", "shop", "web-0", Instant.parse("2026-03-02T10:00:00Z")), "prod-1"));

        assertThat(hits).isNotEmpty().allSatisfy(hit -> {
            assertThat(hit.alert().rule().id()).isEqualTo(hit.rule());
            assertThat(hit.alert().rule().description()).isNull();
            assertThat(hit.alert().rule().name()).isNull();
            assertThat(hit.alert().threat()).isNull();
            assertThat(hit.alert().user().name()).isEqualTo("dev@example.com");
        });
    }
}
