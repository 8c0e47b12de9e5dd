package dev.vigil.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the figures of one run as the Markdown table {@code bench/run} prints and docs/performance.md shows. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String render(List<Figure> figures) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"measurement", "value", "CPU/event", "min / max of runs", "baseline (same run)",
                "ratio", "target", "how"});
        for (Figure figure : figures) {
            rows.add(new String[] {figure.name(), value(figure), cpu(figure), spread(figure), figure.baseline(),
                    ratio(figure), figure.target(), figure.note()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(table, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(table, rule, widths);
            }
        }
        return table.toString();
    }

    static String value(Figure figure) {
        if (!figure.measured()) {
            return "n/a";
        }
        return number(figure.value()) + " " + figure.unit();
    }

    static String cpu(Figure figure) {
        return Double.isNaN(figure.cpuMicros()) ? "" : String.format(Locale.ROOT, "%.1f µs", figure.cpuMicros());
    }

    /** Slowest / fastest of the {@code --repeat} runs; the value is their median. */
    static String spread(Figure figure) {
        Spread spread = figure.spread();
        return spread == null ? "" : number(spread.min()) + " / " + number(spread.max()) + " (" + spread.runs() + ")";
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(Figure figure) {
        return Double.isNaN(figure.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", figure.ratio());
    }

    private static void line(StringBuilder table, String[] cells, int[] widths) {
        table.append('|');
        for (int i = 0; i < cells.length; i++) {
            table.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        table.append('\n');
    }
}
