package dev.vigil.streams.redact;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an environment variable's name says it holds a secret: its name, lower-cased and without
 * separators ({@code DB_PASSWORD} → {@code dbpassword}), contains one of the markers.
 */
final class SecretEnvNames {

    /** The markers used unless configured otherwise. */
    static final List<String> DEFAULT_MARKERS = List.of("password", "passwd", "passphrase", "pwd", "secret", "token",
            "apikey", "accesskey", "privatekey", "privkey", "credential", "creds", "connectionstring", "sessionkey",
            "signingkey", "encryptionkey", "authkey");

    private final List<String> markers;

    SecretEnvNames(Collection<String> markers) {
        this.markers = markers.stream().map(SecretEnvNames::normalise).filter(m -> !m.isEmpty()).distinct().toList();
    }

    boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        String normalised = normalise(name);
        for (String marker : markers) {
            if (normalised.contains(marker)) {
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
