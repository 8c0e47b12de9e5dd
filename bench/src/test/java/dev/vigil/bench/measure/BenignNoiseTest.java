package dev.vigil.bench.measure;

import dev.vigil.bench.report.Figure;
import dev.vigil.streams.rules.RuleEngine;
import dev.vigil.streams.rules.RulesProperties;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenignNoiseTest {

    @Test
    void reportsAlertsPerMillionBenignEventsPerRuleThatFired() {
        List<Figure> figures = BenignNoise.measure(RuleEngine.load(RulesProperties.defaults()), "bundled pack", 5_000,
                7);

        assertThat(figures.get(0).name()).isEqualTo("noise, bundled pack: all rules");
        assertThat(figures).allSatisfy(figure -> {
            assertThat(figure.unit()).isEqualTo("alerts/1M benign events");
            assertThat(figure.value()).isGreaterThanOrEqualTo(0);
        });
        double perRule = figures.stream().skip(1).mapToDouble(Figure::value).sum();
        assertThat(perRule).isCloseTo(figures.get(0).value(), org.assertj.core.data.Offset.offset(0.001));
        // The day's pods and workloads are restricted-compliant: the Pod Security rules stay quiet.
        assertThat(figures).extracting(Figure::name).doesNotContain("noise, bundled pack: pod-security-restricted");
    }
}
