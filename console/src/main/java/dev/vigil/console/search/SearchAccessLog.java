package dev.vigil.console.search;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records every forensic search and export on the access logger {@code vigil.audit.access}, next to logins and
 * openings of an alert's evidence: who searched, for what, over which range, and how many documents matched or
 * left in an export — never the documents themselves.
 */
final class SearchAccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("vigil.audit.access");
    private static final int MAX_VALUE = 256;

    private SearchAccessLog() {
    }

    static void searched(HttpServletRequest request, EvidenceQuery query, long total) {
        LOG.info("evidence searched: user={} q={} filters={} from={} to={} address={} total={}",
                clean(request.getRemoteUser()), clean(query.text()), filters(query.filters()), query.from(), query.to(),
                clean(request.getRemoteAddr()), total);
    }

    /** Logged when the export starts: {@code exporting} of the {@code total} matches will be written. */
    static void exported(HttpServletRequest request, EvidenceQuery query, ExportFormat format, long total,
                         long exporting) {
        LOG.info("evidence exported: user={} format={} q={} filters={} from={} to={} address={} total={} exported={}"
                        + " truncated={}", clean(request.getRemoteUser()), format.extension(), clean(query.text()),
                filters(query.filters()), query.from(), query.to(), clean(request.getRemoteAddr()), total, exporting,
                exporting < total);
    }

    private static String filters(Map<String, String> filters) {
        return filters.isEmpty() ? "-" : clean(filters.entrySet().stream()
                .map(filter -> filter.getKey() + ":" + filter.getValue()).collect(Collectors.joining(",")));
    }

    /** Values come from the URL: no control characters or spaces (no forged lines), and not too long. */
    static String clean(String value) {
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
