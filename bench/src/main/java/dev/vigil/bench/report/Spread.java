package dev.vigil.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * How a figure measured {@code --repeat N} times varied: the figure's value is the median run's, this keeps the
 * slowest and the fastest beside it (the machine is shared, one run says little on its own).
 *
 * @param min    the smallest value of the runs
 * @param median the median (of an even count: the lower middle run, a value that was measured)
 * @param max    the largest value
 * @param runs   how many runs
 */
public record Spread(double min, double median, double max, int runs) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Spread(sorted[0], sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1], sorted.length);
    }
}
