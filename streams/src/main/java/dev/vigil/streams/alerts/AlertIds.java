package dev.vigil.streams.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: the same rule, cluster, dedup key and window always give the same id, so a repeat, a
 * replay or a re-delivery updates one alert document instead of creating another.
 */
public final class AlertIds {

    private AlertIds() {
    }

    /** 32 hex characters of SHA-256 over the rule id, cluster, dedup key and window start (epoch millis). */
    public static String of(String ruleId, String cluster, String dedupKey, long windowStartMillis) {
        MessageDigest digest = sha256();
        for (String part : new String[] {ruleId, cluster, dedupKey, Long.toString(windowStartMillis)}) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** Start of the epoch-aligned window of {@code windowMillis} that {@code epochMillis} falls in; 0 without a window. */
    public static long windowStart(long epochMillis, long windowMillis) {
        return windowMillis <= 0 ? 0 : Math.floorDiv(epochMillis, windowMillis) * windowMillis;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
