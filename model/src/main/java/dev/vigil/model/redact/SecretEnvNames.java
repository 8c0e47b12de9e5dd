package dev.vigil.model.redact;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a name (of an environment variable, an argument, an assigned key) says its value is a secret: the
 * name, lower-cased and without separators ({@code DB_PASSWORD} → {@code dbpassword}), contains one of the markers,
 * or one of its words is a short secret word ({@code DB_PASS}, {@code JWT}) that would match far too much as a part.
 */
public final class SecretEnvNames {

    /** The markers used unless configured otherwise. */
    public static final List<String> DEFAULT_MARKERS = List.of("password", "passwd", "passphrase", "pwd", "secret", "token",
            "apikey", "accesskey", "privatekey", "privkey", "credential", "creds", "connectionstring", "sessionkey",
            "signingkey", "encryptionkey", "authkey");

    /** Whole words that mark a secret: {@code DB_PASS}, {@code ADMIN_PW}, {@code JWT}, {@code DATABASE_DSN}. */
    static final Set<String> WORDS = Set.of("pass", "pw", "jwt", "dsn");

    private static final String[] WORD_ARRAY = WORDS.toArray(String[]::new);
    /** The letters of each word of {@link #WORD_ARRAY}, as {@link #letters} counts them. */
    private static final long[] WORD_LETTERS = Arrays.stream(WORD_ARRAY).mapToLong(SecretEnvNames::required).toArray();

    private final String[] markers;
    /** The letters of each marker: a name lacking one of them cannot contain the marker. */
    private final long[] markerLetters;

    public SecretEnvNames(Collection<String> markers) {
        this.markers = markers.stream().map(SecretEnvNames::normalise).filter(m -> !m.isEmpty()).distinct()
                .toArray(String[]::new);
        this.markerLetters = new long[this.markers.length];
        for (int i = 0; i < this.markers.length; i++) {
            this.markerLetters[i] = required(this.markers[i]);
        }
    }

    public boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        // An ASCII name lacking a letter of every marker (of every word) cannot contain one: skip that check.
        long found = letters(name, 0, name.length());
        if (found < 0 || holdsAll(markerLetters, found)) {
            String normalised = normalise(name);
            for (String marker : markers) {
                if (normalised.contains(marker)) {
                    return true;
                }
            }
        }
        return (found < 0 || holdsAll(WORD_LETTERS, found)) && hasSecretWord(name, found >= 0);
    }

    /**
     * A necessary condition for {@link #isSecret} of {@code name.substring(from, to)}, without allocating: an ASCII
     * name holds every letter (and digit) of some marker or secret word, whatever their case. Names with other
     * characters always pass: their lower-case forms may hold ASCII letters (the Kelvin sign is a {@code k}).
     */
    boolean mayBeSecret(CharSequence name, int from, int to) {
        long found = letters(name, from, to);
        return found < 0 || holdsAll(markerLetters, found) || holdsAll(WORD_LETTERS, found);
    }

    /** Whether {@code found} holds all the letters of one of the {@code required} sets. */
    private static boolean holdsAll(long[] required, long found) {
        for (long letters : required) {
            if ((found & letters) == letters) {
                return true;
            }
        }
        return false;
    }

    /** One bit per ASCII letter (either case) and digit in the range; -1 when it holds any non-ASCII character. */
    private static long letters(CharSequence text, int from, int to) {
        long found = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                found |= 1L << (c - 'a');
            } else if (c >= 'A' && c <= 'Z') {
                found |= 1L << (c - 'A');
            } else if (c >= '0' && c <= '9') {
                found |= 1L << (26 + c - '0');
            } else if (c >= 128) {
                return -1;
            }
        }
        return found;
    }

    /**
     * The {@link #letters} a name needs to contain {@code part} (normalised); bit 63, which no name has, when the
     * part holds a non-ASCII character that the normalised form of an ASCII name never holds.
     */
    private static long required(String part) {
        long letters = letters(part, 0, part.length());
        return letters < 0 ? 1L << 63 : letters;
    }

    /** Whether a word of the name (split at separators and lower-to-upper case changes) is one of {@link #WORDS}. */
    private static boolean hasSecretWord(String name, boolean ascii) {
        int start = 0;
        for (int i = 1; i <= name.length(); i++) {
            boolean boundary = i == name.length() || !Character.isLetterOrDigit(name.charAt(i))
                    || Character.isLowerCase(name.charAt(i - 1)) && Character.isUpperCase(name.charAt(i));
            if (boundary) {
                int length = i - start;
                if (length >= 2 && length <= 4 && (ascii ? isWord(name, start, length)
                        : WORDS.contains(name.substring(start, i).toLowerCase(Locale.ROOT)))) {
                    return true;
                }
                start = i < name.length() && !Character.isLetterOrDigit(name.charAt(i)) ? i + 1 : i;
            }
        }
        return false;
    }

    /**
     * {@code name.substring(start, start + length)} is one of {@link #WORDS} without case, for ASCII names only (where
     * ignoring case is lower-casing; {@code ſ} would match {@code s} here, not when lower-cased).
     */
    private static boolean isWord(String name, int start, int length) {
        for (String word : WORD_ARRAY) {
            if (word.length() == length && name.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String name) {
        StringBuilder letters = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                letters.append(Character.toLowerCase(c));
            }
        }
        return letters.toString().toLowerCase(Locale.ROOT);
    }
}
