package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;

import java.util.Arrays;
import java.util.List;

/**
 * The state of one threshold key in one window: the hashes of the values (or events) counted, sorted, so that a
 * redelivered event or a repeated value never counts twice; the count; the first audit ids; the alert once fired.
 *
 * @param seen      sorted hashes, at most {@link StatefulSettings#maxDistinct()}; past it every hit counts
 * @param count     values (or events) counted in the window
 * @param firstSeen event time of the first counted event (epoch millis)
 * @param auditIds  the first audit ids counted, evidence of the alert
 * @param alert     the alert as last emitted, null until the count reached the threshold
 */
record ThresholdWindow(long[] seen, long count, long firstSeen, List<String> auditIds, Alert alert) {

    ThresholdWindow {
        seen = seen == null ? new long[0] : seen;
        auditIds = auditIds == null ? List.of() : List.copyOf(auditIds);
    }

    static ThresholdWindow empty(long time) {
        return new ThresholdWindow(new long[0], 0, time, List.of(), null);
    }

    /** Whether the value is counted already (only known while the set is exact). */
    boolean has(long hash) {
        return Arrays.binarySearch(seen, hash) >= 0;
    }

    /** This window with one more value; {@code exactLimit} bounds the remembered hashes. */
    ThresholdWindow plus(long hash, long time, String auditId, int exactLimit, int maxAuditIds) {
        long[] next = seen;
        if (seen.length < exactLimit) {
            int at = -Arrays.binarySearch(seen, hash) - 1;
            next = new long[seen.length + 1];
            System.arraycopy(seen, 0, next, 0, at);
            next[at] = hash;
            System.arraycopy(seen, at, next, at + 1, seen.length - at);
        }
        List<String> ids = auditIds;
        if (ids.size() < maxAuditIds && auditId != null && !ids.contains(auditId)) {
            ids = new java.util.ArrayList<>(ids);
            ids.add(auditId);
        }
        return new ThresholdWindow(next, count + 1, Math.min(firstSeen, time), ids, alert);
    }

    ThresholdWindow fired(Alert emitted) {
        return new ThresholdWindow(seen, count, firstSeen, auditIds, emitted);
    }
}
