package dev.vigil.streams.redact;

import dev.vigil.model.redact.SecretPatterns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code redaction/corpus.yaml}: one case per pattern of docs/redaction.md, and strings that must pass. */
class RedactionCorpusTest {

    record Case(String pattern, String input, String expected) {
        @Override
        public String toString() {
            return pattern + ": " + input.replace("\n", "\\n");
        }
    }

    static List<Case> corpus() {
        try (InputStream in = RedactionCorpusTest.class.getResourceAsStream("/redaction/corpus.yaml")) {
            JsonNode cases = YAMLMapper.builder().build().readTree(in).path("cases");
            List<Case> list = new ArrayList<>();
            for (JsonNode item : cases) {
                list.add(new Case(item.path("pattern").stringValue(), item.path("input").stringValue(),
                        item.path("expected").stringValue()));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void redactsExactlyTheSecretPart(Case example) {
        List<String> removed = new ArrayList<>();

        String redacted = SecretPatterns.redact(example.input(), removed::add);

        assertThat(redacted).isEqualTo(example.expected());
        if (example.pattern().equals("none")) {
            assertThat(redacted).as("an untouched string is returned as it is").isSameAs(example.input());
            assertThat(removed).isEmpty();
        } else {
            assertThat(removed).isNotEmpty().allSatisfy(value -> assertThat(redacted).doesNotContain(value));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void redactingTwiceChangesNothingMore(Case example) {
        assertThat(SecretPatterns.redact(example.expected())).isEqualTo(example.expected());
    }

    /** Strings an attacker can put into an object: the scan must stay linear, never backtrack for minutes. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a://b:", "password=", "--token ", "eyJaaaa.", "xoxb-",
            "-----BEGIN PRIVATE KEY-----", "?token=&", "\"secret\": \"", "AKIA", "Bearer ", "postgres://u:p@@",
            "ghp_aaaa", "AccountKey="})
    void hostileRepetitionsAreScannedInLinearTime(String unit) {
        String hostile = unit.repeat(200_000 / unit.length()) + "x";

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> SecretPatterns.redact(hostile));
    }

    @Test
    void everyPatternHasACaseAndIsDocumented() throws IOException {
        Set<String> covered = new TreeSet<>(corpus().stream().map(Case::pattern).toList());
        String docs = Files.readString(Path.of("..", "docs", "redaction.md"));

        assertThat(covered).containsAll(SecretPatterns.names()).contains("none");
        assertThat(SecretPatterns.names()).allSatisfy(name -> assertThat(docs).contains("`" + name + "`"));
    }
}
