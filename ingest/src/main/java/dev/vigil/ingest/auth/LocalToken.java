package dev.vigil.ingest.auth;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The local default's credential: when no tokens are configured, ingest still requires one. It is taken from
 * {@code vigil.ingest.token} (environment {@code VIGIL_INGEST_TOKEN}) or generated at start, maps to cluster
 * {@value #CLUSTER}, and a generated token is printed once to standard output — the only place it ever appears.
 * ({@code vigil run} generates and keeps the token itself and passes it in as configured; this generation serves
 * ingest started on its own.)
 */
public final class LocalToken {

    /** The cluster the local default's token posts as. */
    public static final String CLUSTER = "local";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalToken() {
    }

    /** The local token entry; {@code out} receives the one marked line that announces it. */
    public static BearerTokens.Entry resolve(String configured, PrintStream out) {
        if (configured != null && !configured.isBlank()) {
            // nothing printed: `vigil run` says in its ready summary where the token comes from
            return new BearerTokens.Entry("local-token", configured.trim(), List.of(CLUSTER));
        }
        String token = generate();
        out.println("==> Vigil ingest token (cluster '" + CLUSTER + "'; send 'Authorization: Bearer <token>'): "
                + token);
        return new BearerTokens.Entry("local-token", token, List.of(CLUSTER));
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
