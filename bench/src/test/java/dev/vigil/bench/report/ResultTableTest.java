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
        assertThat(lines.get(3)).contains("full topology", "50,000 events/s", "raw consumption", "0.25", ">= 0.5 ✗");
        assertThat(lines.get(4)).contains("latency p99", "n/a", "not measured");
        assertThat(topology.ratio()).isEqualTo(0.25);
        assertThat(missing.against(raw, "").ratio()).isNaN();
    }

    @Test
    void repeatedRunsGiveTheMedianWithTheSlowestAndFastestAndTheirCpu() {
        Figure raw = Figure.rate("raw consumption", 200_000, 2.0, "");
        List<Figure> runs = List.of(Figure.rate("detection", 90_000, 12.0, ""), Figure.rate("detection", 120_000, 9.0, ""),
                Figure.rate("detection", 100_000, 10.0, ""));

        Figure detection = Figure.median(runs, "3 runs").against(raw, ">= 0.5");

        assertThat(detection.value()).isEqualTo(100_000);
        assertThat(detection.cpuMicros()).isEqualTo(10.0);
        assertThat(detection.spread()).isEqualTo(new Spread(90_000, 100_000, 120_000, 3));
        assertThat(detection.target()).isEqualTo(">= 0.5 ✓");
        String row = ResultTable.render(List.of(raw, detection)).lines().toList().get(3);
        assertThat(row).contains("100,000 events/s", "10.0 µs", "90,000 / 120,000 (3)", "0.50", ">= 0.5 ✓");
    }

    @Test
    void aValueTargetIsJudgedInItsUnit() {
        assertThat(Figure.of("p99", 1_250, "ms", "").withTarget("< 1000 ms").target()).isEqualTo("< 1000 ms ✗");
        assertThat(Figure.of("p99", 640, "ms", "").withTarget("< 1000 ms").target()).isEqualTo("< 1000 ms ✓");
        assertThat(Figure.of("raw", 1, "events/s", "").withTarget("physical limit").target())
                .isEqualTo("physical limit");
        assertThat(Figure.missing("p99", "ms", "none").withTarget("< 1000 ms").target()).isEqualTo("< 1000 ms");
    }
}
