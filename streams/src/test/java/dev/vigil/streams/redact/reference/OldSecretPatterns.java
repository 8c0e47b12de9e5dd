package dev.vigil.streams.redact.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FROZEN COPY of the redaction decision as it was before the pre-filters of issue 18 (commit 83e1fbd), kept
 * only as the reference of the differential test; never change it.
 *
 * <p>
 * Redaction by the shape of a value, wherever it sits in a string (docs/redaction.md lists every pattern with an
 * example): credentials in URLs, token query parameters, private keys, JWTs, Slack/GitHub/AWS/Azure keys,
 * {@code key=value} assignments and {@code --flag value} arguments whose key looks secret. Only the secret part is
 * replaced ({@code postgres://app:[REDACTED]@db/shop}), so the rest stays searchable.
 *
 * <p>This runs on every string of every event in the evidence application, so each rule first asks a cheap
 * {@code indexOf} question and regular expressions run only on strings that passed it; the assignment, argument
 * and query-parameter rules are linear scans without regular expressions, which an attacker-chosen string cannot
 * make backtrack.
 */
public final class OldSecretPatterns {

    static final String REDACTED = dev.vigil.model.redact.SecretText.REDACTED;

    /** No rule matches fewer characters ({@code pw=ab}). */
    private static final int MIN_LENGTH = 5;

    /** Characters a string must contain before a rule looks at it: one pass over the string finds them all. */
    static final int EQUALS = 1;
    static final int COLON = 1 << 1;
    static final int DASH = 1 << 2;
    static final int UNDERSCORE = 1 << 3;
    static final int DOT = 1 << 4;
    static final int SPACE = 1 << 5;
    static final int AT = 1 << 6;
    static final int QUERY = 1 << 7;
    /** At least 20 characters: the shortest key of a known format (AWS access key ids). */
    static final int LONG = 1 << 8;

    /**
     * A shape found by a regular expression: group {@code secret} is replaced, the rest of the match is kept. It
     * is tried only on strings holding all {@code required} characters and one of the {@code keywords}.
     */
    private record Shape(String name, int required, List<String> keywords, Pattern pattern, int secret) {

        boolean mayMatch(String text, int found) {
            if ((found & required) != required) {
                return false;
            }
            for (String keyword : keywords) {
                if (text.contains(keyword)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("pem-private-key", DASH | SPACE | LONG, List.of("PRIVATE KEY-----"), Pattern.compile(
                    "(-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)([\\s\\S]*?)(?=-----END |\\z)"), 2),
            new Shape("url-credentials", COLON | AT, List.of("://"), Pattern.compile(
                    "([A-Za-z][A-Za-z0-9+.-]{0,30}://[^\\s/?#@:\"'\\\\]*:)([^\\s/?#\"'\\\\]+)@"), 2),
            new Shape("jwt", DOT | LONG, List.of("eyJ"), Pattern.compile(
                    "eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), 0),
            new Shape("slack-webhook", DOT | LONG, List.of("hooks.slack.com"), Pattern.compile(
                    "(hooks\\.slack\\.com/(?:services|workflows|triggers)/)([A-Za-z0-9_/+-]+)"), 2),
            new Shape("slack-token", DASH, List.of("xox", "xapp-"), Pattern.compile(
                    "(?<![A-Za-z0-9])(?:xox[abposr]-[0-9A-Za-z-]{10,}|xapp-[0-9]-[0-9A-Za-z-]{10,})"), 0),
            new Shape("github-token", UNDERSCORE | LONG, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    Pattern.compile("(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"), 0),
            new Shape("aws-access-key-id", LONG, List.of("AKIA", "ASIA", "ABIA", "ACCA"), Pattern.compile(
                    "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])"), 0),
            new Shape("azure-connection-string", EQUALS, List.of("AccountKey=", "SharedAccessSignature="),
                    Pattern.compile("((?:AccountKey|SharedAccessSignature)=)([^;\\s\"'\\\\]+)"), 2),
            new Shape("authorization-header", SPACE | LONG, List.of("earer ", "EARER ", "asic ", "ASIC "),
                    Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)([A-Za-z0-9._~+/-]{16,}=*)"), 2));

    private OldSecretPatterns() {
    }

    /**
     * {@code text} with every secret-shaped part replaced by {@value #REDACTED}, the same instance when there is
     * none; each removed part is passed to {@code removed}.
     */
    public static String redact(String text, Consumer<String> removed) {
        if (text == null || text.length() < MIN_LENGTH) {
            return text;
        }
        int found = characters(text);
        if ((found & (EQUALS | COLON | SPACE | LONG)) == 0) {
            return text;
        }
        String result = text;
        for (Shape shape : SHAPES) {
            if (shape.mayMatch(result, found)) {
                result = replace(result, shape, removed);
            }
        }
        if ((found & (EQUALS | QUERY)) == (EQUALS | QUERY)) {
            result = QueryParameters.redact(result, removed);
        }
        if ((found & (EQUALS | COLON | DASH)) != 0) {
            result = OldAssignments.redact(result, removed, found);
        }
        return result;
    }

    public static String redact(String text) {
        return redact(text, removed -> { });
    }

    /** The names of the rules, as docs/redaction.md and the test corpus use them. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(SHAPES.stream().map(Shape::name).toList());
        names.addAll(List.of("query-parameter", "assignment", "argument"));
        return names;
    }

    /** The flag of each ASCII character that some rule requires. */
    private static final int[] FLAGS = new int[128];

    static {
        FLAGS['='] = EQUALS;
        FLAGS[':'] = COLON;
        FLAGS['-'] = DASH;
        FLAGS['_'] = UNDERSCORE;
        FLAGS['.'] = DOT;
        FLAGS[' '] = FLAGS['\t'] = FLAGS['\n'] = FLAGS['\r'] = SPACE;
        FLAGS['@'] = AT;
        FLAGS['?'] = FLAGS['&'] = FLAGS['#'] = FLAGS[';'] = QUERY;
    }

    /** The {@link #EQUALS}… flags of the characters {@code text} contains: one table look-up per character. */
    static int characters(String text) {
        int found = text.length() >= 20 ? LONG : 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                found |= FLAGS[c];
            }
        }
        return found;
    }

    private static String replace(String text, Shape shape, Consumer<String> removed) {
        Matcher matcher = shape.pattern().matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            int start = matcher.start(shape.secret());
            int end = matcher.end(shape.secret());
            if (start == end || text.startsWith(REDACTED, start)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            removed.accept(text.substring(start, end));
            out.append(text, copied, start).append(REDACTED);
            copied = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Token parameters of a URL's query or fragment ({@code ?access_token=…}, {@code &X-Amz-Signature=…}), names
     * compared without case. A hand-written scan: it runs on every {@code requestURI}.
     */
    static final class QueryParameters {

        static final Set<String> NAMES = Set.of("access_token", "token", "id_token", "refresh_token", "auth_token",
                "api_key", "apikey", "client_secret", "password", "passwd", "secret", "sig", "signature",
                "x-amz-signature", "x-amz-security-token", "x-amz-credential", "x-goog-signature",
                "x-goog-credential", "code_verifier", "private_token", "session_token");
        private static final int LONGEST = NAMES.stream().mapToInt(String::length).max().orElse(0);

        private QueryParameters() {
        }

        public static String redact(String text, Consumer<String> removed) {
            StringBuilder out = null;
            int copied = 0;
            int length = text.length();
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c != '?' && c != '&' && c != '#' && c != ';') {
                    continue;
                }
                int equals = nameEnd(text, i + 1);
                if (equals < 0 || !isTokenName(text, i + 1, equals)) {
                    continue;
                }
                int end = valueEnd(text, equals + 1);
                if (end == equals + 1 || text.startsWith(REDACTED, equals + 1)) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(length);
                }
                removed.accept(text.substring(equals + 1, end));
                out.append(text, copied, equals + 1).append(REDACTED);
                copied = end;
                i = end - 1;
            }
            return out == null ? text : out.append(text, copied, length).toString();
        }

        /** Where the parameter name starting at {@code from} meets its {@code =}, or -1 when it is no name. */
        private static int nameEnd(String text, int from) {
            int limit = Math.min(text.length(), from + LONGEST + 1);
            for (int i = from; i < limit; i++) {
                char c = text.charAt(i);
                if (c == '=') {
                    return i > from ? i : -1;
                }
                if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                    return -1;
                }
            }
            return -1;
        }

        private static boolean isTokenName(String text, int from, int to) {
            int length = to - from;
            for (String name : NAMES) {
                if (name.length() == length && text.regionMatches(true, from, name, 0, length)) {
                    return true;
                }
            }
            return false;
        }

        private static int valueEnd(String text, int from) {
            int i = from;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '&' || c == '#' || c == ';' || c == '"' || c == '\'' || c == '\\' || Character.isWhitespace(c)) {
                    break;
                }
                i++;
            }
            return i;
        }
    }
}
