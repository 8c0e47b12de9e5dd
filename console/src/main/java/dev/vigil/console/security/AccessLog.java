package dev.vigil.console.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * The access log: every login, failed or successful, and every login refused by the throttle, with user name,
 * client address and time — never a password — on the logger {@value #LOGGER}, so that operators can route it to
 * their SIEM on its own. User names come from the client and are cleaned of control characters and cut, so that a
 * name cannot forge log lines.
 */
final class AccessLog {

    /** The name of the dedicated logger. */
    static final String LOGGER = "vigil.audit.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_NAME = 128;

    private AccessLog() {
    }

    static void loginSucceeded(String user, String address) {
        LOG.info("login succeeded: user={} address={} time={}", clean(user), clean(address), Instant.now());
    }

    static void loginFailed(String user, String address, String reason) {
        LOG.warn("login failed: user={} address={} time={} reason={}", clean(user), clean(address), Instant.now(),
                reason);
    }

    static void loginThrottled(String user, String address, Duration retryAfter) {
        LOG.warn("login refused, too many failures: user={} address={} time={} retry-after={}s", clean(user),
                clean(address), Instant.now(), retryAfter.toSeconds());
    }

    /** Printable, without line breaks, at most {@value #MAX_NAME} characters; {@code -} for none. */
    static String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_NAME + 1));
        for (int i = 0; i < value.length() && out.length() < MAX_NAME; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c);
        }
        if (value.length() > MAX_NAME) {
            out.append('…');
        }
        return out.toString();
    }
}
