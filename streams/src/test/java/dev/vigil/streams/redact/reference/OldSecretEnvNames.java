package dev.vigil.streams.redact.reference;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FROZEN COPY of the redaction decision as it was before the pre-filters of issue 18 (commit 83e1fbd), kept
 * only as the reference of the differential test; never change it.
 *
 * <p>
 * Decides whether a name (of an environment variable, an argument, an assigned key) says its value is a secret: the
 * name, lower-cased and without separators ({@code DB_PASSWORD} → {@code dbpassword}), contains one of the markers,
 * or one of its words is a short secret word ({@code DB_PASS}, {@code JWT}) that would match far too much as a part.
 */
public final class OldSecretEnvNames {

    /** The markers used unless configured otherwise. */
    public static final List<String> DEFAULT_MARKERS = List.of("password", "passwd", "passphrase", "pwd", "secret", "token",
            "apikey", "accesskey", "privatekey", "privkey", "credential", "creds", "connectionstring", "sessionkey",
            "signingkey", "encryptionkey", "authkey");

    /** Whole words that mark a secret: {@code DB_PASS}, {@code ADMIN_PW}, {@code JWT}, {@code DATABASE_DSN}. */
    static final Set<String> WORDS = Set.of("pass", "pw", "jwt", "dsn");

    private final List<String> markers;

    public OldSecretEnvNames(Collection<String> markers) {
        this.markers = markers.stream().map(OldSecretEnvNames::normalise).filter(m -> !m.isEmpty()).distinct().toList();
    }

    public boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        String normalised = normalise(name);
        for (String marker : markers) {
            if (normalised.contains(marker)) {
                return true;
            }
        }
        return hasSecretWord(name);
    }

    /** Whether a word of the name (split at separators and lower-to-upper case changes) is one of {@link #WORDS}. */
    private static boolean hasSecretWord(String name) {
        int start = 0;
        for (int i = 1; i <= name.length(); i++) {
            boolean boundary = i == name.length() || !Character.isLetterOrDigit(name.charAt(i))
                    || Character.isLowerCase(name.charAt(i - 1)) && Character.isUpperCase(name.charAt(i));
            if (boundary) {
                int length = i - start;
                if (length >= 2 && length <= 4 && WORDS.contains(name.substring(start, i).toLowerCase(Locale.ROOT))) {
                    return true;
                }
                start = i < name.length() && !Character.isLetterOrDigit(name.charAt(i)) ? i + 1 : i;
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
