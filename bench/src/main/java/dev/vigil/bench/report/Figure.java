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
 */
public record Figure(String name, double value, String unit, String baseline, double ratio, String target,
                     String note) {

    public static Figure of(String name, double value, String unit, String note) {
        return new Figure(name, value, unit, "", Double.NaN, "", note);
    }

    public static Figure missing(String name, String unit, String why) {
        return new Figure(name, Double.NaN, unit, "", Double.NaN, "", why);
    }

    /** This figure compared with {@code baseline} (ratio = value / baseline value). */
    public Figure against(Figure baseline, String target) {
        double ratio = Double.isNaN(value) || Double.isNaN(baseline.value()) || baseline.value() == 0
                ? Double.NaN : value / baseline.value();
        return new Figure(name, value, unit, baseline.name(), ratio, target, note);
    }

    public Figure withTarget(String target) {
        return new Figure(name, value, unit, baseline, ratio, target, note);
    }

    public boolean measured() {
        return !Double.isNaN(value);
    }
}
