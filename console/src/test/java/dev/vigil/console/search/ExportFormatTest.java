package dev.vigil.console.search;

import dev.vigil.console.query.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportFormatTest {

    @Test
    void quotesCellsWithCommasQuotesAndLineBreaks() {
        assertThat(ExportFormat.csvCell("plain")).isEqualTo("plain");
        assertThat(ExportFormat.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportFormat.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExportFormat.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ExportFormat.csvCell("cr\rlf")).isEqualTo("\"cr\rlf\"");
        assertThat(ExportFormat.csvCell("")).isEmpty();
    }

    @Test
    void neverLetsASpreadsheetRunACell() {
        assertThat(ExportFormat.csvCell("=1+2")).isEqualTo("'=1+2");
        assertThat(ExportFormat.csvCell("+cmd")).isEqualTo("'+cmd");
        assertThat(ExportFormat.csvCell("-x")).isEqualTo("'-x");
        assertThat(ExportFormat.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ExportFormat.csvCell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    }

    @Test
    void readsTheFormatParameter() {
        assertThat(ExportFormat.of(null)).isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.of("CSV")).isEqualTo(ExportFormat.CSV);
        assertThatThrownBy(() -> ExportFormat.of("xlsx")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("format must be ndjson or csv");
    }
}
