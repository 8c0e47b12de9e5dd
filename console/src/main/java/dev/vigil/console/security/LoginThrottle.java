package dev.vigil.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per user name and per client address and says when a login must wait. Failures count within
 * a window; from the configured number on, each failure locks the key for a lockout that doubles with every further
 * failure (capped). A successful login forgets the user's failures (not the address's: one good account must not
 * wash away guesses at others). Memory is bounded: at most {@code trackedKeys} keys, the least recently used
 * forgotten first.
 */
final class LoginThrottle {

    private static final int MAX_DOUBLINGS = 20;
    /** Longer user names are cut for the key, so a huge name cannot make one key large. */
    private static final int MAX_KEY_LENGTH = 256;

    private final LoginThrottleProperties properties;
    private final Clock clock;
    private final Map<String, Failures> failures;

    LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        int capacity = properties.trackedKeys();
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How long a login of {@code user} from {@code address} must still wait, or empty when it may go ahead. */
    synchronized Optional<Duration> retryAfter(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(user), addressKey(address)}) {
            Failures entry = failures.get(key);
            if (entry != null && entry.lockedUntil != null && entry.lockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, entry.lockedUntil);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        record(userKey(user), properties.maxFailuresPerUser(), now);
        record(addressKey(address), properties.maxFailuresPerAddress(), now);
    }

    synchronized void succeeded(String user) {
        failures.remove(userKey(user));
    }

    /** Keys remembered now (for tests of the memory bound). */
    synchronized int size() {
        return failures.size();
    }

    private void record(String key, int allowed, Instant now) {
        Failures entry = failures.get(key);
        if (entry == null || Duration.between(entry.last, now).compareTo(properties.failureWindow()) > 0) {
            entry = new Failures();
            failures.put(key, entry);
        }
        entry.count++;
        entry.last = now;
        if (entry.count >= allowed) {
            int doublings = Math.min(entry.count - allowed, MAX_DOUBLINGS);
            Duration lockout = properties.lockout().multipliedBy(1L << doublings);
            entry.lockedUntil = now.plus(lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout);
        }
    }

    private static String userKey(String user) {
        String name = user == null ? "" : user;
        return "user:" + (name.length() > MAX_KEY_LENGTH ? name.substring(0, MAX_KEY_LENGTH) : name);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil;
    }
}
