package dev.vigil.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {

    @Test
    void everyFigureIsOneRowWithItsRatioToTheBaselineOfTheSameRun() {
        Figure raw = Figure.of("raw consumption", 200_000, "events/s", "plain consumer");
        Figure topology = Figure.of("full topology", 50_000, "events/s", "all rules").against(raw, ">= 0.5");
        Figure missing = Figure.missing("latency p99", "ms", "not measured");

        String table = ResultTable.render(List.of(raw, topology, missing));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).contains("full topology", "50,000 events/s", "raw consumption", "0.25", ">= 0.5");
        assertThat(lines.get(4)).contains("latency p99", "n/a", "not measured");
        assertThat(topology.ratio()).isEqualTo(0.25);
        assertThat(missing.against(raw, "").ratio()).isNaN();
    }
}
