package dev.vigil.streams.stateful;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 64-bit hashes of counted values. Cryptographic, because the values (URIs, names, audit ids) are chosen by whoever
 * sends the requests: with a cheap hash, a prober could pick values that collide and so stay under a threshold.
 */
final class ValueHashes {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private ValueHashes() {
    }

    static long of(String value) {
        byte[] digest = SHA_256.get().digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest, 0, 8).getLong();
    }
}
