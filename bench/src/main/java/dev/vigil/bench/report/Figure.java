package dev.vigil.bench.report;

/**
 * One line of the result table: a measured value and its ratio to a baseline measured in the same run (shared,
 * noisy machines make absolute numbers unreliable; ratios to the physical limit are what a change is judged by).
 *
 * @param name      what was measured
 * @param value     the value (NaN when it could not be measured)
 * @param unit      its unit, e.g. {@code events/s}, {@code ms}, {@code MiB}
 * @param baseline  the figure it is compared with, or empty
 * @param ratio     value / baseline value, NaN without a baseline
 * @param target    the target ratio or value from the issue, or empty
 * @param note      how it was measured or why it is missing
 * @param cpuMicros CPU microseconds per event the measured threads spent (steadier than a rate on a shared
 *                  machine), NaN when not measured
 * @param spread    min / median / max over {@code --repeat} runs (the value is the median), or null for one run
 */
public record Figure(String name, double value, String unit, String baseline, double ratio, String target,
                     String note, double cpuMicros, Spread spread) {

    public static Figure of(String name, double value, String unit, String note) {
        return new Figure(name, value, unit, "", Double.NaN, "", note, Double.NaN, null);
    }

    /** A throughput with the CPU per event its threads spent. */
    public static Figure rate(String name, double eventsPerSecond, double cpuMicros, String note) {
        return new Figure(name, eventsPerSecond, "events/s", "", Double.NaN, "", note, cpuMicros, null);
    }

    public static Figure missing(String name, String unit, String why) {
        return new Figure(name, Double.NaN, unit, "", Double.NaN, "", why, Double.NaN, null);
    }

    /**
     * This figure compared with {@code baseline} (ratio = value / baseline value); a target of the form
     * {@code >= 0.5} or {@code <= 2} gets a ✓ or ✗ for the ratio.
     */
    public Figure against(Figure baseline, String target) {
        double ratio = Double.isNaN(value) || Double.isNaN(baseline.value()) || baseline.value() == 0
                ? Double.NaN : value / baseline.value();
        return new Figure(name, value, unit, baseline.name(), ratio, Targets.judge(target, ratio), note, cpuMicros,
                spread);
    }

    /** A target for the value itself (e.g. {@code < 1000 ms}), judged when it has the form {@code < n unit}. */
    public Figure withTarget(String target) {
        return new Figure(name, value, unit, baseline, ratio, Double.isNaN(ratio) ? Targets.judge(target, value)
                : target, note, cpuMicros, spread);
    }

    public Figure named(String newName) {
        return new Figure(newName, value, unit, baseline, ratio, target, note, cpuMicros, spread);
    }

    /** The median of {@code runs} measurements of one figure, with their spread (one run: that run). */
    public static Figure median(java.util.List<Figure> runs, String note) {
        if (runs.size() == 1) {
            Figure only = runs.get(0);
            return new Figure(only.name, only.value, only.unit, "", Double.NaN, "", note, only.cpuMicros, null);
        }
        Spread spread = Spread.of(runs.stream().map(Figure::value).toList());
        Spread cpu = Spread.of(runs.stream().map(Figure::cpuMicros).toList());
        Figure first = runs.get(0);
        return new Figure(first.name, spread.median(), first.unit, "", Double.NaN, "", note, cpu.median(), spread);
    }

    public boolean measured() {
        return !Double.isNaN(value);
    }
}
