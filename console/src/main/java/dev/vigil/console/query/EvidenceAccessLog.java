package dev.vigil.console.query;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Records who opened which alert's evidence, on the access logger {@code vigil.audit.access} (where the console also
 * records logins): an incident responder reads other people's requests, secrets redacted or not, so that access must
 * itself be auditable. The user is whoever the console's security authenticated ({@code -} without security).
 */
final class EvidenceAccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("vigil.audit.access");
    private static final int MAX_VALUE = 256;

    private EvidenceAccessLog() {
    }

    static void opened(HttpServletRequest request, String alertId, boolean found) {
        LOG.info("evidence opened: user={} alert={} address={} time={} found={}", clean(request.getRemoteUser()),
                clean(alertId), clean(request.getRemoteAddr()), Instant.now(), found);
    }

    /** The id comes from the URL: no control characters or spaces (no forged lines), and not too long. */
    private static String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c);
        }
        return out.toString();
    }
}
