package dev.vigil.ingest.replay;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProgressTest {

    private final StringWriter text = new StringWriter();
    private final ReplayStats stats = new ReplayStats();

    @Test
    void onATerminalRedrawsABarInPlace() {
        Progress progress = Progress.terminal(new PrintWriter(text));
        for (int i = 0; i < 1234; i++) {
            stats.sent();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            progress.update(stats, "audit.log", () -> 50, 100);
            return !text.toString().isEmpty();
        });
        assertThat(text.toString()).startsWith("\r[###############...............] 50% 1,234 events")
                .contains("/s").contains("0 rejected  audit.log").doesNotContain("\n");
        progress.finish();
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void elsewhereWritesPlainLines() {
        Progress progress = Progress.plain(new PrintWriter(text), 0);
        stats.linesRead(10);
        stats.sent();
        stats.rejected("audit.log", 3, "not valid JSON");
        progress.update(stats, "audit.log", () -> 25, 100);
        progress.update(stats, "live.log", () -> 0, -1);
        assertThat(text.toString().lines()).hasSize(2);
        assertThat(text.toString().lines().toList().get(0))
                .startsWith("replay: audit.log 25%, 10 lines, 1 events sent, 1 rejected, ");
        assertThat(text.toString().lines().toList().get(1)).startsWith("replay: live.log 10 lines");
        progress.finish();
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void theSummaryListsTwentyRejectionsAndCountsTheRest() {
        for (int line = 1; line <= 23; line++) {
            stats.rejected("audit.log", line, "reason " + line);
        }
        stats.cluster("prod-1");
        stats.print(new PrintWriter(text), "k8s.audit.events", "vigil.dlq");
        assertThat(text.toString()).contains("Replay into k8s.audit.events (cluster prod-1)")
                .contains("audit.log:20  reason 20").doesNotContain("audit.log:21")
                .contains("… and 3 more (all of them are in vigil.dlq)");
        assertThat(stats.exitCode()).as("nothing sent").isEqualTo(1);
    }
}
