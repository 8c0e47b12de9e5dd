package dev.vigil.streams.redact;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.redact.Assignments;
import dev.vigil.model.redact.SecretEnvNames;
import dev.vigil.model.redact.SecretPatterns;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.redact.reference.OldAssignments;
import dev.vigil.streams.redact.reference.OldSecretEnvNames;
import dev.vigil.streams.redact.reference.OldSecretPatterns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-filters of issue 18 (letter masks before the key checks, arrays instead of lists) must not change a single
 * redaction: the current {@link SecretPatterns}, {@link Assignments} and {@link SecretEnvNames} against frozen copies
 * of them from before ({@code reference/Old*}) on every string literal of the tests (the corpus and every fixture of
 * every secret shape), every string and field name of the third-party audit data, near-misses of all of those
 * (prefixes, suffixes, case changes, characters swapped for separators and non-ASCII letters) and random strings
 * built from the shapes' keywords, separators and letters whose lower case is ASCII (the Kelvin sign).
 */
class RedactionDifferentialTest {

    /** Names whose case-insensitive and lower-cased comparisons differ, or that look like a word in another script. */
    private static final List<String> TRICKY_NAMES = List.of("DB_PA\u017FS", "PA\u017FS", "pa\u017Fs=hunter2", "JW\u0422",
            "\u212Aey", "db_\u0130d", "dbPass", "DBPass", "myJWTToken", "Pw", "pW", "PWD", "x_pw_y", "dsn=abc", "ADMIN_PW=x",
            "--db-pa\u017Fs x", "api_\u212Aey=abcdef");
    private static final List<String> CUSTOM_MARKERS = List.of("kennwort", "Schlüssel", "\u212Aey", "x-api", "ıd");
    /** Pieces random strings are made of: the shapes' keywords, separators, keys, and awkward characters. */
    private static final String[] PIECES = {"password", "PASS", "pw", "Jwt", "dsn", "token", "secret", "_", "-", "--",
            ".", ":", "=", " ", "\t", "\n", "\"", "'", "\\", "@", "?", "&", "#", ";", "/", "//", "://", "eyJ", "eyJhbGci",
            "AKIA", "ASIA", "ABCDEFGHIJKLMNOP", "234567", "ghp_", "github_pat_", "xoxb-", "xapp-1-", "hooks.slack.com",
            "/services/", "Bearer ", "basic ", "AccountKey=", "SharedAccessSignature=", "-----BEGIN ", "PRIVATE KEY-----",
            "-----END ", "access_token", "X-Amz-Signature", "sig", "name", "Name", "file", "secretName", "true", "${",
            "$(", "[REDACTED]", "{", "[", "a", "Z", "0", "9", "\u212A", "\u0130", "\u017F", "é", "ü", "Ａ", "日本",
            "\uD83D\uDE00", "k", "ey", "api", "x-api", "ıd", "kennwort", "schlüssel", "postgres://", "u:p@db", "1234567890",
            "abcdefghijklmnopqrstuvwxyz", "db_password=", "--token ", "--db-pass", "DB_PASS", "Pwd:", "creds"};

    private static List<String> strings;

    @BeforeAll
    static void collect() {
        Set<String> base = new LinkedHashSet<>();
        for (RedactionCorpusTest.Case example : RedactionCorpusTest.corpus()) {
            base.add(example.input());
            base.add(example.expected());
        }
        base.addAll(testLiterals(Path.of("src", "test", "java")));
        base.addAll(testLiterals(Path.of("..", "model", "src", "test", "java")));
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            base.add(line.text());
            try {
                strings(VigilJson.mapper().readTree(line.text()), base);
            } catch (JacksonException notJson) {
                // the raw line is in already
            }
        }
        base.addAll(TRICKY_NAMES);
        Set<String> all = new LinkedHashSet<>(base);
        for (String text : base) {
            nearMisses(text, all);
        }
        Random random = new Random(18);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            all.add(text.toString());
        }
        strings = List.copyOf(all);
        assertThat(strings).hasSizeGreaterThan(200_000);
    }

    @Test
    void shapesRedactExactlyAsBefore() {
        List<String> differences = new ArrayList<>();
        int redacted = 0;
        for (String text : strings) {
            List<String> removed = new ArrayList<>();
            List<String> removedBefore = new ArrayList<>();
            String now = SecretPatterns.redact(text, removed::add);
            String before = OldSecretPatterns.redact(text, removedBefore::add);
            redacted += before != text ? 1 : 0;
            if (!now.equals(before) || (now == text) != (before == text) || !removed.equals(removedBefore)) {
                differences.add(text + " → " + now + " (was " + before + ")");
            }
        }
        assertThat(differences).as("strings redacted differently").isEmpty();
        assertThat(redacted).as("the set holds many secrets").isGreaterThan(10_000);
    }

    @Test
    void secretNamesFlagsAndValuesAsBefore() {
        SecretEnvNames defaults = new SecretEnvNames(SecretEnvNames.DEFAULT_MARKERS);
        OldSecretEnvNames defaultsBefore = new OldSecretEnvNames(OldSecretEnvNames.DEFAULT_MARKERS);
        SecretEnvNames custom = new SecretEnvNames(CUSTOM_MARKERS);
        OldSecretEnvNames customBefore = new OldSecretEnvNames(CUSTOM_MARKERS);
        List<String> differences = new ArrayList<>();
        int secret = 0;
        for (String text : strings) {
            for (String name : names(text)) {
                boolean now = defaults.isSecret(name);
                secret += now ? 1 : 0;
                if (now != defaultsBefore.isSecret(name) || custom.isSecret(name) != customBefore.isSecret(name)
                        || Assignments.isSecretFlag(name) != OldAssignments.isSecretFlag(name)
                        || Assignments.isSecretValue(name, 0, name.length())
                        != OldAssignments.isSecretValue(name, 0, name.length())) {
                    differences.add(name);
                }
            }
        }
        assertThat(differences).as("names judged differently").isEmpty();
        assertThat(secret).as("the set holds many secret names").isGreaterThan(10_000);
    }

    /** The string itself and its words, as env names and flags are. */
    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        names.add(text);
        for (String word : text.split("[\\s=:\"',;&?]+")) {
            if (!word.isEmpty() && !word.equals(text)) {
                names.add(word);
            }
        }
        return names;
    }

    private static void nearMisses(String text, Set<String> into) {
        if (text.length() > 300) {
            return;
        }
        for (int i = 1; i < text.length(); i++) {
            into.add(text.substring(0, i));
            into.add(text.substring(i));
        }
        into.add(text.toUpperCase());
        into.add(text.toLowerCase());
        for (int i = 0; i < text.length(); i += 3) {
            for (String swap : new String[] {"\u212A", "\u0130", "-", " ", "="}) {
                into.add(text.substring(0, i) + swap + text.substring(i + 1));
            }
        }
    }

    private static void strings(JsonNode node, Set<String> into) {
        if (node.isString()) {
            into.add(node.stringValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                into.add(field.getKey());
                strings(field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                strings(item, into);
            }
        }
    }

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    /** Every string literal of the Java sources below {@code root}, escapes resolved. */
    private static List<String> testLiterals(Path root) {
        List<String> literals = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = LITERAL.matcher(Files.readString(file));
                while (matcher.find()) {
                    literals.add(unescape(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return literals;
    }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+([0-9a-fA-F]{4})");

    private static String unescape(String literal) {
        String unicode = UNICODE_ESCAPE.matcher(literal)
                .replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        try {
            return unicode.translateEscapes();
        } catch (IllegalArgumentException unknownEscape) {
            return unicode;
        }
    }
}
