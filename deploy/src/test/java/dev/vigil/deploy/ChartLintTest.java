package dev.vigil.deploy;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict} through Helm's own engine: no error and no warning. */
class ChartLintTest {

    @Test
    void chartLintsCleanInStrictMode() {
        LintResult result = Rendered.chart().lint();

        assertThat(result.getMessages()).as("helm lint messages")
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        assertThat(result.isFailed()).isFalse();
    }
}
