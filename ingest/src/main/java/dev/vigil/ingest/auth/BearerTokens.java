package dev.vigil.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The configured ingest tokens, kept only as SHA-256 hashes and compared in constant time: hashing first makes
 * the comparison independent of the token's length, {@link MessageDigest#isEqual} of its content, and every
 * configured token is compared so the position of a match leaks nothing either.
 */
public final class BearerTokens {

    /** One configured token: a name for logs (never the token) and the clusters it may post as. */
    public record Entry(String name, String token, List<String> clusters) {
        @Override
        public String toString() {
            return "Entry[name=" + name + ", token=****, clusters=" + clusters + "]";
        }
    }

    private record Hashed(byte[] hash, IngestPrincipal principal) {
    }

    private final List<Hashed> tokens;

    public BearerTokens(List<Entry> entries) {
        this.tokens = entries.stream()
                .map(entry -> new Hashed(sha256(entry.token()), new IngestPrincipal(entry.name(), entry.clusters())))
                .toList();
    }

    /** The principal of a presented token, or empty when it matches none. */
    public Optional<IngestPrincipal> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        IngestPrincipal match = null;
        for (Hashed token : tokens) {
            if (MessageDigest.isEqual(token.hash(), hash) && match == null) {
                match = token.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
